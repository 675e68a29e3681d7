package dev.airlock.runtime.catalog;

import static dev.airlock.runtime.catalog.InvalidEntryException.invalid;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Bounds beyond the official schema. A registry is untrusted input: these keep a hostile or broken
 * one from filling memory, the screen or a terminal through a single entry.
 */
final class EntryLimits {

    static final int MAX_NAME = 200;
    static final int MAX_TITLE = 100;
    static final int MAX_VERSION = 64;
    static final int MAX_PACKAGES = 32;
    static final int MAX_REMOTES = 32;
    static final int MAX_ARGUMENTS = 64;
    static final int MAX_ENVIRONMENT = 64;
    static final int MAX_STRING = 4_096;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+");

    private EntryLimits() {}

    /** Why {@code name} cannot name a catalog entry, or empty when it can. */
    static Optional<String> nameProblem(JsonNode name) {
        if (Texts.absent(name)) {
            return Optional.of("it has no 'name'");
        }
        if (!name.isString()) {
            return Optional.of("'name' must be text");
        }
        String text = name.stringValue();
        if (text.length() > MAX_NAME) {
            return Optional.of("'name' is longer than " + MAX_NAME + " characters");
        }
        if (!NAME.matcher(text).matches()) {
            return Optional.of("'name' must look like 'io.github.example/server-name'");
        }
        // The part after '/' becomes the short name in gateway URLs and on command lines, where
        // "..", "." or a leading '-' would be read as something else.
        if (!Character.isLetterOrDigit(text.charAt(text.indexOf('/') + 1))) {
            return Optional.of("the part of 'name' after '/' must start with a letter or a digit");
        }
        return Optional.empty();
    }

    static void check(JsonNode wrapper, JsonNode server) throws InvalidEntryException {
        atMost(server.get("packages"), MAX_PACKAGES, "packages");
        atMost(server.get("remotes"), MAX_REMOTES, "remotes");
        JsonNode packages = server.path("packages");
        for (int i = 0; i < packages.size(); i++) {
            String at = Texts.item("packages", i);
            JsonNode pkg = packages.get(i);
            atMost(pkg.get("packageArguments"), MAX_ARGUMENTS, Texts.field(at, "packageArguments"));
            atMost(pkg.get("runtimeArguments"), MAX_ARGUMENTS, Texts.field(at, "runtimeArguments"));
            atMost(pkg.get("environmentVariables"), MAX_ENVIRONMENT, Texts.field(at, "environmentVariables"));
        }
        textAtMost(server.get("title"), MAX_TITLE, "title");
        textAtMost(server.get("version"), MAX_VERSION, "version");
        // ToolHive's metadata is optional decoration with limits of its own (PublisherInfoReader):
        // a long overview there must not make the server itself unavailable.
        JsonNode toolHive = PublisherInfoReader.find(server);
        // Paths inside "server" read as in server.json; the wrapper's own parts keep their names.
        for (Map.Entry<String, JsonNode> part : wrapper.properties()) {
            stringsAtMost(part.getValue(), "server".equals(part.getKey()) ? "" : part.getKey(), toolHive);
        }
    }

    private static void atMost(JsonNode list, int max, String path) throws InvalidEntryException {
        if (list != null && list.isArray() && list.size() > max) {
            throw invalid("'" + path + "' has more than " + max + " entries");
        }
    }

    private static void textAtMost(JsonNode text, int max, String path) throws InvalidEntryException {
        if (text != null && text.isString() && text.stringValue().length() > max) {
            throw invalid("'" + path + "' is longer than " + Texts.count(max) + " characters");
        }
    }

    private static void stringsAtMost(JsonNode node, String path, JsonNode skipped) throws InvalidEntryException {
        if (node == skipped) {
            return;
        }
        if (node.isString()) {
            textAtMost(node, MAX_STRING, path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                stringsAtMost(node.get(i), Texts.item(path, i), skipped);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (property.getKey().length() > MAX_STRING) {
                    throw invalid("it has a property name longer than " + Texts.count(MAX_STRING) + " characters");
                }
                stringsAtMost(property.getValue(), Texts.field(path, Texts.quote(property.getKey())), skipped);
            }
        }
    }
}
