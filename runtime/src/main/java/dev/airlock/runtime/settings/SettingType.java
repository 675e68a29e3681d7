package dev.airlock.runtime.settings;

import dev.airlock.runtime.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The types a setting can have: how a value is read from any source and written to the user's
 * settings file. Every source delivers JSON-shaped values, so one reader serves the Windows registry
 * (strings, DWORDs, multi-strings), macOS property lists and JSON files alike. Readers are lenient
 * where a source can only hold strings (an MSI property is always one): {@code "47200"} is a port,
 * {@code "1"} is true.
 */
sealed interface SettingType<T> {

    JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @throws InvalidValueException naming what was expected, never the value
     */
    T read(JsonNode node) throws InvalidValueException;

    JsonNode write(T value);

    /** For people: what a value of this type looks like. */
    String expectation();

    /** A value the setter was handed, checked as if it had been read from a file. */
    default T checked(T value) throws InvalidValueException {
        return read(write(value));
    }

    private static String text(JsonNode node, String expectation) throws InvalidValueException {
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new InvalidValueException(expectation);
        }
        return node.stringValue().strip();
    }

    /** An https address; plain http only to this computer, where nothing crosses a network. */
    record WebAddress() implements SettingType<URI> {

        @Override
        public URI read(JsonNode node) throws InvalidValueException {
            String text = text(node, expectation());
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean allowed = scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
                if (!allowed || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                    throw new InvalidValueException(expectation());
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new InvalidValueException(expectation());
            }
        }

        @Override
        public JsonNode write(URI value) {
            return NODES.stringNode(value.toString());
        }

        @Override
        public String expectation() {
            return "must be an https:// address (http:// only to 127.0.0.1 or localhost)";
        }

        static boolean isLoopback(String host) {
            return host != null
                    && (host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]"));
        }
    }

    /** One word or name, such as a client ID. */
    record Text() implements SettingType<String> {

        @Override
        public String read(JsonNode node) throws InvalidValueException {
            return text(node, expectation());
        }

        @Override
        public JsonNode write(String value) {
            return NODES.stringNode(value);
        }

        @Override
        public String expectation() {
            return "must be a non-empty text";
        }
    }

    /**
     * A list of names: a JSON array, a multi-string, or one string with the names separated by
     * spaces or commas (how OIDC writes scopes, and all an MSI property can hold).
     */
    record Names() implements SettingType<List<String>> {

        private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

        @Override
        public List<String> read(JsonNode node) throws InvalidValueException {
            List<String> raw = new ArrayList<>();
            if (node != null && node.isArray()) {
                for (JsonNode item : node.values()) {
                    raw.add(text(item, expectation()));
                }
            } else {
                raw.addAll(List.of(SEPARATORS.split(text(node, expectation()))));
            }
            var names = new LinkedHashSet<String>();
            for (String name : raw) {
                if (SEPARATORS.matcher(name).find()) {
                    throw new InvalidValueException(expectation());
                }
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            if (names.isEmpty()) {
                throw new InvalidValueException(expectation());
            }
            return List.copyOf(names);
        }

        @Override
        public JsonNode write(List<String> value) {
            ArrayNode array = NODES.arrayNode();
            value.forEach(array::add);
            return array;
        }

        @Override
        public String expectation() {
            return "must be a list of names (an array, or names separated by spaces or commas)";
        }
    }

    /** true or false; also 1 and 0 (a registry DWORD) and those as text. */
    record Flag() implements SettingType<Boolean> {

        @Override
        public Boolean read(JsonNode node) throws InvalidValueException {
            if (node != null && node.isBoolean()) {
                return node.booleanValue();
            }
            if (node != null && node.isIntegralNumber() && node.canConvertToExactIntegral()) {
                long number = node.longValue();
                if (number == 0 || number == 1) {
                    return number == 1;
                }
            }
            if (node != null && node.isString()) {
                switch (node.stringValue().strip().toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> {
                        return true;
                    }
                    case "false", "0" -> {
                        return false;
                    }
                    default -> {}
                }
            }
            throw new InvalidValueException(expectation());
        }

        @Override
        public JsonNode write(Boolean value) {
            return NODES.booleanNode(value);
        }

        @Override
        public String expectation() {
            return "must be true or false (or 1 or 0)";
        }
    }

    /** A TCP port outside the privileged range. */
    record Port() implements SettingType<Integer> {

        static final int MIN = 1024;
        static final int MAX = 65535;

        @Override
        public Integer read(JsonNode node) throws InvalidValueException {
            long number;
            if (node != null && node.isIntegralNumber() && node.canConvertToExactIntegral()) {
                number = node.longValue();
            } else if (node != null
                    && node.isString()
                    && node.stringValue().strip().matches("[0-9]{1,5}")) {
                number = Long.parseLong(node.stringValue().strip());
            } else {
                throw new InvalidValueException(expectation());
            }
            if (number < MIN || number > MAX) {
                throw new InvalidValueException(expectation());
            }
            return (int) number;
        }

        @Override
        public JsonNode write(Integer value) {
            return NODES.numberNode(value);
        }

        @Override
        public String expectation() {
            return "must be a whole number from " + MIN + " to " + MAX;
        }
    }

    /** The update channel's name, in any case. */
    record Channel() implements SettingType<UpdateChannel> {

        @Override
        public UpdateChannel read(JsonNode node) throws InvalidValueException {
            String name = text(node, expectation()).toLowerCase(Locale.ROOT);
            for (UpdateChannel channel : UpdateChannel.values()) {
                if (channel.wireName().equals(name)) {
                    return channel;
                }
            }
            throw new InvalidValueException(expectation());
        }

        @Override
        public JsonNode write(UpdateChannel value) {
            return NODES.stringNode(value.wireName());
        }

        @Override
        public String expectation() {
            return "must be \"stable\" or \"beta\"";
        }
    }

    /** A container image reference: {@code [registry[:port]/]path[:tag][@sha256:digest]}. */
    record ImageReference() implements SettingType<String> {

        // The same grammar as the catalog's image check. No whitespace, and no leading '-', so the
        // reference cannot be read as an option wherever it ends up.
        private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
        private static final String DOMAIN_COMPONENT = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
        private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
        private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/"
                + PATH_COMPONENT + ")*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");

        @Override
        public String read(JsonNode node) throws InvalidValueException {
            String reference = text(node, expectation());
            if (reference.length() > 255 || !REFERENCE.matcher(reference).matches()) {
                throw new InvalidValueException(expectation());
            }
            return reference;
        }

        @Override
        public JsonNode write(String value) {
            return NODES.stringNode(value);
        }

        @Override
        public String expectation() {
            return "must be a container image reference such as node:22-bookworm-slim";
        }
    }

    /**
     * An absolute path to a file on this computer. Whether the file is there is checked when it is
     * used ({@link CaBundle}): it may be installed after the setting.
     */
    record FilePath() implements SettingType<Path> {

        @Override
        public Path read(JsonNode node) throws InvalidValueException {
            try {
                Path path = Path.of(text(node, expectation()));
                if (!path.isAbsolute()) {
                    throw new InvalidValueException(expectation());
                }
                return path.normalize();
            } catch (InvalidPathException e) {
                throw new InvalidValueException(expectation());
            }
        }

        @Override
        public JsonNode write(Path value) {
            return NODES.stringNode(value.toString());
        }

        @Override
        public String expectation() {
            return "must be the full path of a file";
        }
    }

    /**
     * A JSON object, or a name, passed on as it is; the feature that uses it checks the contents. A
     * string holding a JSON object (all a registry value or MSI property can carry) is read as that
     * object.
     */
    record JsonValue() implements SettingType<JsonNode> {

        @Override
        public JsonNode read(JsonNode node) throws InvalidValueException {
            if (node != null && node.isObject()) {
                return node.deepCopy();
            }
            String text = text(node, expectation());
            if (!text.startsWith("{")) {
                return NODES.stringNode(text);
            }
            try {
                JsonNode parsed = Json.mapper().readTree(text);
                if (parsed.isObject()) {
                    return parsed;
                }
            } catch (JacksonException e) {
                // fall through: not an object after all
            }
            throw new InvalidValueException(expectation());
        }

        @Override
        public JsonNode write(JsonNode value) {
            return value.deepCopy();
        }

        @Override
        public String expectation() {
            return "must be a JSON object or a name";
        }
    }
}
