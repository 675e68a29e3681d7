package dev.airlock.runtime.catalog;

import static dev.airlock.runtime.catalog.InvalidEntryException.invalid;
import static dev.airlock.runtime.catalog.InvalidEntryException.needsSetting;

import dev.airlock.runtime.catalog.PackageLaunch.EnvironmentVariable;
import dev.airlock.runtime.catalog.PackageLaunch.PackageType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Chooses the package Airlock runs for an entry and resolves it to fixed values: a container image
 * over stdio when there is one, else an npm package over stdio. Nothing here goes through a shell;
 * values are still checked because they end up as process arguments and environment.
 */
final class LaunchReader {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchReader.class);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // npm's own naming rules, minus a leading '-' or '.', so a name never reads as an npx option.
    private static final Pattern NPM_NAME = Pattern.compile("(?:@[a-z0-9~][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*");
    private static final int MAX_NPM_NAME = 214;
    private static final Pattern EXACT_VERSION =
            Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]+)}");

    private LaunchReader() {}

    /**
     * The launch for {@code server}; empty when it can only be reached through {@code remotes}.
     *
     * @throws InvalidEntryException when nothing the entry lists can run
     */
    static Optional<PackageLaunch> read(JsonNode server, List<RemoteEndpoint> remotes) throws InvalidEntryException {
        JsonNode packages = server.path("packages");
        int chosen = firstStdio(packages, "oci");
        if (chosen < 0) {
            chosen = firstStdio(packages, "npm");
        }
        if (chosen >= 0) {
            return Optional.of(resolve(packages.get(chosen), Texts.item("packages", chosen)));
        }
        if (!remotes.isEmpty()) {
            return Optional.empty();
        }
        if (!packages.isEmpty()) {
            throw unsupported(packages);
        }
        if (!server.path("remotes").isEmpty()) {
            throw new InvalidEntryException(
                    "This server's remote addresses are not secure (https) addresses, so Airlock does not connect to them.");
        }
        throw new InvalidEntryException(
                "This server lists no container image, npm package or remote address, so there is nothing Airlock could run.");
    }

    private static int firstStdio(JsonNode packages, String registryType) {
        for (int i = 0; i < packages.size(); i++) {
            JsonNode pkg = packages.get(i);
            if (registryType.equals(Texts.text(pkg.get("registryType")))
                    && "stdio".equals(Texts.text(pkg.path("transport").get("type")))) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidEntryException unsupported(JsonNode packages) {
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode pkg : packages) {
            types.add(Texts.quote(String.valueOf(Texts.text(pkg.get("registryType")))));
        }
        if (types.contains("oci") || types.contains("npm")) {
            return new InvalidEntryException("This server's package does not talk over standard input and output"
                    + " (stdio), which Airlock needs; ask IT for a stdio version of it.");
        }
        String first = types.iterator().next();
        String article = first.matches("(?i)[aeiou].*|npm|mcpb") ? "an " : "a ";
        return new InvalidEntryException("This server is published as " + article + String.join(" or ", types)
                + " package, which Airlock cannot run; ask IT for a container image of it.");
    }

    private static PackageLaunch resolve(JsonNode pkg, String at) throws InvalidEntryException {
        String identifier = Texts.text(pkg.get("identifier"));
        String version = Texts.text(pkg.get("version"));
        PackageType type = "oci".equals(Texts.text(pkg.get("registryType"))) ? PackageType.OCI : PackageType.NPM;
        if (type == PackageType.OCI) {
            if (version != null && !ImageReference.hasTagOrDigest(identifier)) {
                identifier = identifier + ":" + version;
            }
            if (!ImageReference.isValid(identifier)) {
                throw invalid("'" + Texts.field(at, "identifier") + "' is not a valid container image reference");
            }
        } else {
            if (identifier.length() > MAX_NPM_NAME
                    || !NPM_NAME.matcher(identifier).matches()) {
                throw invalid("'" + Texts.field(at, "identifier") + "' is not a valid npm package name");
            }
            if (version == null || !EXACT_VERSION.matcher(version).matches()) {
                throw new InvalidEntryException(
                        "This server's npm package does not pin a version, so Airlock cannot tell what it would run.");
            }
        }
        return new PackageLaunch(
                type,
                identifier,
                version,
                // Kept as published for the container launcher, which does not apply them yet; a
                // required one without a value still blocks the entry, as the server may need it.
                arguments(pkg.path("runtimeArguments"), Texts.field(at, "runtimeArguments")),
                arguments(pkg.path("packageArguments"), Texts.field(at, "packageArguments")),
                environment(pkg.path("environmentVariables"), Texts.field(at, "environmentVariables")));
    }

    private static List<String> arguments(JsonNode arguments, String at) throws InvalidEntryException {
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            JsonNode argument = arguments.get(i);
            boolean named = "named".equals(Texts.text(argument.get("type")));
            String label = Texts.text(argument.get(named ? "name" : "valueHint"));
            Optional<String> value = value(argument);
            if (value.isEmpty()) {
                if (argument.path("isRequired").asBoolean(false)) {
                    throw needsSetting(label == null ? "argument " + (i + 1) : label);
                }
                continue; // optional and without a value: the server's own default applies
            }
            // The schema describes a named argument as one word: --flag={value}.
            String word = named ? label + "=" + value.get() : value.get();
            if (word.indexOf('\0') >= 0) {
                throw invalid("'" + Texts.item(at, i) + "' contains a NUL character");
            }
            resolved.add(word);
        }
        return resolved;
    }

    private static List<EnvironmentVariable> environment(JsonNode variables, String at) throws InvalidEntryException {
        List<EnvironmentVariable> resolved = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            JsonNode variable = variables.get(i);
            String name = Texts.text(variable.get("name"));
            if (name == null || !ENV_NAME.matcher(name).matches()) {
                throw invalid(
                        "'" + Texts.field(Texts.item(at, i), "name") + "' is not a valid environment variable name");
            }
            boolean secret = variable.path("isSecret").asBoolean(false);
            String value = value(variable).orElse(null);
            if (value != null && value.indexOf('\0') >= 0) {
                throw invalid("'" + Texts.item(at, i) + "' contains a NUL character");
            }
            resolved.add(new EnvironmentVariable(
                    name,
                    Texts.text(variable.get("description")),
                    variable.path("isRequired").asBoolean(false),
                    secret,
                    value));
        }
        return resolved;
    }

    /**
     * The fixed value of an input: its {@code value}, else its {@code default}, with {@code {variables}}
     * filled in. A secret never takes its value from the registry: it comes from the keychain.
     */
    private static Optional<String> value(JsonNode input) throws InvalidEntryException {
        String value = Texts.text(input.get("value"));
        if (value == null) {
            value = Texts.text(input.get("default"));
        }
        if (input.path("isSecret").asBoolean(false)) {
            if (value != null) {
                LOG.debug("Dropped the registry's value for secret input {}", Texts.quote(label(input)));
            }
            return Optional.empty();
        }
        return value == null ? Optional.empty() : Optional.of(substitute(value, input.path("variables")));
    }

    /** Fills {@code {name}} from the input's variables; names it does not define stay as written. */
    private static String substitute(String template, JsonNode variables) throws InvalidEntryException {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            JsonNode variable = variables.get(matcher.group(1));
            String replacement = matcher.group();
            if (variable != null && variable.isObject()) {
                replacement = value(variable).orElseThrow(() -> needsSetting(matcher.group(1)));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(result).toString();
    }

    private static String label(JsonNode input) {
        String name = Texts.text(input.get("name"));
        return name != null ? name : String.valueOf(Texts.text(input.get("valueHint")));
    }
}
