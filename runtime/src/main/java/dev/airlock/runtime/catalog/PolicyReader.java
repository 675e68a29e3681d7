package dev.airlock.runtime.catalog;

import static dev.airlock.runtime.catalog.InvalidEntryException.policy;

import dev.airlock.runtime.catalog.ServerPolicy.Identity;
import dev.airlock.runtime.catalog.ServerPolicy.Image;
import dev.airlock.runtime.catalog.ServerPolicy.Inspection;
import dev.airlock.runtime.catalog.ServerPolicy.Network;
import dev.airlock.runtime.catalog.ServerPolicy.Permissions;
import dev.airlock.runtime.catalog.ServerPolicy.Poisoning;
import dev.airlock.runtime.catalog.ServerPolicy.Resources;
import dev.airlock.runtime.catalog.ServerPolicy.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads the company's {@code _meta["dev.airlock/policy"]} into a {@link ServerPolicy}. Missing parts
 * take the defaults; wrong types and out-of-range values make the entry unavailable; unknown keys are
 * ignored so that a newer registry still works with this version.
 */
final class PolicyReader {

    static final String KEY = "dev.airlock/policy";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyReader.class);
    private static final Pattern HOST = Pattern.compile(
            "(?:\\*\\.|\\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final int MAX_HOST = 253;
    private static final Pattern PIN = Pattern.compile("sha256:[0-9a-fA-F]{64}");
    private static final Set<String> INSPECTION_ACTIONS = Set.of("redact", "warn", "block", "off");
    private static final Set<String> IDENTITY_TOKENS = Set.of("access-token", "exchange", "none");
    // visible ASCII without spaces: an audience goes into a form field, never with line breaks
    private static final Pattern AUDIENCE = Pattern.compile("[\\x21-\\x7e]{1,1024}");
    // RFC 6749 §3.3 scope tokens, separated by single spaces
    private static final Pattern SCOPE =
            Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]{1,256}(?: [\\x21\\x23-\\x5b\\x5d-\\x7e]{1,256}){0,31}");

    private PolicyReader() {}

    /**
     * The policy the registry put beside the server. One inside {@code server._meta} is ignored: that
     * is the publisher's data, and a publisher must not grant its own server network or file access.
     */
    static JsonNode find(JsonNode wrapper, JsonNode server) {
        if (!Texts.absent(server.path("_meta").path(KEY))) {
            LOG.warn(
                    "Ignoring a policy inside server._meta of {}: only the registry's _meta beside it counts",
                    server.path("name").asString("an unnamed entry"));
        }
        return wrapper.path("_meta").path(KEY);
    }

    static ServerPolicy read(JsonNode node) throws InvalidEntryException {
        if (Texts.absent(node)) {
            return ServerPolicy.DEFAULT;
        }
        if (!node.isObject()) {
            throw policy("it must be a JSON object");
        }
        Section root = new Section(node, "");
        root.ignoreUnknown("roles", "permissions", "resources", "tools", "inspection", "image", "identity");
        return new ServerPolicy(
                root.strings("roles"),
                permissions(root.section("permissions", "read", "write", "network")),
                resources(root.section("resources", "memory_mb", "cpus", "pids")),
                tools(root.section("tools", "allow", "pins", "poisoning")),
                inspection(root.section("inspection", "secrets", "pii")),
                new Image(root.section("image", "digest_required").bool("digest_required", false)),
                identity(root.section("identity", "token", "audience", "scope")));
    }

    /**
     * How a remote server learns who the user is. An unknown {@code token} value is an error, not a
     * default: falling back to the access token could hand the SSO token to a server the company
     * meant to reach only with an exchanged one.
     */
    private static Identity identity(Section section) throws InvalidEntryException {
        JsonNode token = section.node().get("token");
        String kind = Texts.absent(token) ? "access-token" : Texts.text(token);
        if (kind == null || !IDENTITY_TOKENS.contains(kind)) {
            throw policy("'" + section.at("token") + "' must be one of access-token, exchange or none");
        }
        if (!kind.equals("exchange")) {
            for (String key : List.of("audience", "scope")) {
                if (!Texts.absent(section.node().get(key))) {
                    throw policy("'" + section.at(key) + "' only goes with \"token\": \"exchange\"");
                }
            }
            return kind.equals("none") ? Identity.NONE : Identity.ACCESS_TOKEN;
        }
        String audience = Texts.text(section.node().get("audience"));
        if (audience == null || !AUDIENCE.matcher(audience).matches()) {
            throw policy("'" + section.at("audience")
                    + "' must name the server at the sign-in service, such as https://weather.example.com");
        }
        JsonNode scopeNode = section.node().get("scope");
        String scope = null;
        if (!Texts.absent(scopeNode)) {
            scope = Texts.text(scopeNode);
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw policy("'" + section.at("scope") + "' must be scope names separated by spaces");
            }
        }
        return new Identity.Exchange(audience, scope);
    }

    /**
     * A permission profile on its own, as ToolHive's publisher metadata carries one. ToolHive's
     * {@code name} and {@code privileged} are not read: Airlock never runs a privileged container.
     */
    static Permissions permissionProfile(JsonNode node) throws InvalidEntryException {
        if (!node.isObject()) {
            throw policy("'permissions' must be a JSON object");
        }
        Section section = new Section(node, "permissions");
        section.ignoreUnknown("read", "write", "network", "name", "privileged");
        return permissions(section);
    }

    private static Permissions permissions(Section section) throws InvalidEntryException {
        Section outbound = section.section("network", "outbound")
                .section("outbound", "insecure_allow_all", "allow_host", "allow_port");
        List<String> hosts = outbound.strings("allow_host");
        for (String host : hosts) {
            if (host.length() > MAX_HOST || !HOST.matcher(host).matches()) {
                throw policy("'" + outbound.at("allow_host") + "' must list host names such as api.github.com");
            }
        }
        Network network = new Network(
                outbound.bool("insecure_allow_all", false), hosts, outbound.integers("allow_port", 1, 65_535));
        return new Permissions(section.strings("read"), section.strings("write"), network);
    }

    private static Resources resources(Section section) throws InvalidEntryException {
        return new Resources(
                section.integer("memory_mb", 16, 65_536, Resources.DEFAULT_MEMORY_MB),
                section.number("cpus", 0.1, 64, Resources.DEFAULT_CPUS),
                section.integer("pids", 16, 32_768, Resources.DEFAULT_PIDS));
    }

    private static Tools tools(Section section) throws InvalidEntryException {
        Map<String, String> pins = new LinkedHashMap<>();
        Section pinSection = section.section("pins");
        for (Map.Entry<String, JsonNode> pin : pinSection.node().properties()) {
            String digest = Texts.text(pin.getValue());
            if (digest == null || !PIN.matcher(digest).matches()) {
                throw policy("'" + pinSection.at(Texts.quote(pin.getKey()))
                        + "' must be 'sha256:' followed by 64 hexadecimal digits");
            }
            // Lower-case so that comparing with a computed digest never depends on the publisher's case.
            pins.put(pin.getKey(), digest.toLowerCase(Locale.ROOT));
        }
        return new Tools(section.strings("allow"), pins, poisoning(section));
    }

    /** An unknown value is an error, not a default: a typo of "block" must not quietly mean "warn". */
    private static Poisoning poisoning(Section section) throws InvalidEntryException {
        JsonNode value = section.node().get("poisoning");
        if (Texts.absent(value)) {
            return Poisoning.WARN;
        }
        String text = Texts.text(value);
        if ("warn".equals(text)) {
            return Poisoning.WARN;
        }
        if ("block".equals(text)) {
            return Poisoning.BLOCK;
        }
        throw policy("'" + section.at("poisoning") + "' must be warn or block");
    }

    private static Inspection inspection(Section section) throws InvalidEntryException {
        return new Inspection(section.action("secrets"), section.action("pii"));
    }

    /** One object of the policy, with its path for messages; an absent object reads as all defaults. */
    private record Section(JsonNode node, String path) {

        String at(String key) {
            return Texts.field(path, key);
        }

        /** A nested object; unknown keys in it are logged and ignored (an empty {@code known} skips that). */
        Section section(String key, String... known) throws InvalidEntryException {
            JsonNode child = node.get(key);
            if (Texts.absent(child)) {
                return new Section(MissingNode.getInstance(), at(key));
            }
            if (!child.isObject()) {
                throw policy("'" + at(key) + "' must be a JSON object");
            }
            Section section = new Section(child, at(key));
            if (known.length > 0) {
                section.ignoreUnknown(known);
            }
            return section;
        }

        void ignoreUnknown(String... known) {
            Set<String> allowed = Set.of(known);
            for (String key : node.propertyNames()) {
                if (!allowed.contains(key)) {
                    LOG.debug("Ignoring unknown policy key '{}'", Texts.quote(at(key)));
                }
            }
        }

        List<String> strings(String key) throws InvalidEntryException {
            JsonNode list = node.get(key);
            if (Texts.absent(list)) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            if (list.isArray()) {
                for (JsonNode value : list) {
                    values.add(Texts.text(value));
                }
            }
            if (!list.isArray() || values.contains(null)) {
                throw policy("'" + at(key) + "' must be a list of text values");
            }
            return values;
        }

        List<Integer> integers(String key, int min, int max) throws InvalidEntryException {
            JsonNode list = node.get(key);
            if (Texts.absent(list)) {
                return List.of();
            }
            List<Integer> values = new ArrayList<>();
            if (list.isArray()) {
                for (JsonNode value : list) {
                    if (!isWholeNumberIn(value, min, max)) {
                        break;
                    }
                    values.add(value.intValue());
                }
            }
            if (!list.isArray() || values.size() != list.size()) {
                throw policy("'" + at(key) + "' must list whole numbers from " + min + " to " + max);
            }
            return values;
        }

        int integer(String key, int min, int max, int fallback) throws InvalidEntryException {
            JsonNode value = node.get(key);
            if (Texts.absent(value)) {
                return fallback;
            }
            if (!isWholeNumberIn(value, min, max)) {
                throw policy("'" + at(key) + "' must be a whole number from " + min + " to " + max);
            }
            return value.intValue();
        }

        double number(String key, double min, double max, double fallback) throws InvalidEntryException {
            JsonNode value = node.get(key);
            if (Texts.absent(value)) {
                return fallback;
            }
            if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
                throw policy("'" + at(key) + "' must be a number from " + min + " to " + (int) max);
            }
            return value.doubleValue();
        }

        boolean bool(String key, boolean fallback) throws InvalidEntryException {
            JsonNode value = node.get(key);
            if (Texts.absent(value)) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw policy("'" + at(key) + "' must be true or false");
            }
            return value.booleanValue();
        }

        /** An inspection action, or null for Airlock's default. */
        String action(String key) throws InvalidEntryException {
            JsonNode value = node.get(key);
            if (Texts.absent(value)) {
                return null;
            }
            String action = Texts.text(value);
            if (action == null || !INSPECTION_ACTIONS.contains(action)) {
                throw policy("'" + at(key) + "' must be one of redact, warn, block or off");
            }
            return action;
        }

        private static boolean isWholeNumberIn(JsonNode value, int min, int max) {
            return value.isIntegralNumber()
                    && value.canConvertToInt()
                    && value.intValue() >= min
                    && value.intValue() <= max;
        }
    }
}
