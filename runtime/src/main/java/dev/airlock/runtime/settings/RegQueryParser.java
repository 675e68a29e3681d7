package dev.airlock.runtime.settings;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the output of {@code reg query <key> /s} into a JSON tree: each subkey becomes a nested
 * object ({@code ...\Airlock\images} holding {@code nodeBase} gives {@code images.nodeBase}).
 *
 * <p>The output is a header line per key, followed by one line per value, indented by four spaces,
 * with four spaces between name, type and data:
 *
 * <pre>
 * HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Airlock
 *     registryUrl    REG_SZ    https://registry.acme.example
 *     gatewayPort    REG_DWORD    0xb860
 *     oidcScopes    REG_MULTI_SZ    openid\0profile
 * </pre>
 *
 * REG_SZ → string; REG_EXPAND_SZ → string with {@code %VARIABLES%} expanded; REG_MULTI_SZ → array
 * (reg shows the separators as a literal {@code \0}); REG_DWORD and REG_QWORD (hexadecimal) →
 * number; REG_BINARY → binary, which no setting accepts. The key's unnamed default value is
 * skipped.
 */
final class RegQueryParser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // the name is matched lazily, so a name with spaces still ends at the first "    REG_"
    private static final Pattern VALUE = Pattern.compile("^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$");
    private static final Pattern VARIABLE = Pattern.compile("%([^%]+)%");

    private RegQueryParser() {}

    /**
     * @param root the queried key as reg prints it, such as {@code HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Airlock}
     * @param environment for expanding REG_EXPAND_SZ values
     */
    static ObjectNode parse(String output, String root, Map<String, String> environment) {
        ObjectNode tree = NODES.objectNode();
        ObjectNode current = null; // values outside the root key are not ours
        for (String line : output.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ")) {
                current = keyNode(tree, line.strip(), root).orElse(null);
                continue;
            }
            Matcher value = VALUE.matcher(line);
            if (current == null || !value.matches()) {
                continue;
            }
            String name = value.group(1);
            if (name.startsWith("(") && name.endsWith(")")) {
                continue; // "(Default)", in the language of the computer
            }
            JsonNode node = value(value.group(2), value.group(3) == null ? "" : value.group(3), environment);
            if (node != null) {
                current.set(name, node);
            }
        }
        return tree;
    }

    private static Optional<ObjectNode> keyNode(ObjectNode tree, String key, String root) {
        if (!key.regionMatches(true, 0, root, 0, root.length())) {
            return Optional.empty();
        }
        String rest = key.substring(root.length());
        if (!rest.isEmpty() && !rest.startsWith("\\")) {
            return Optional.empty(); // ...\AirlockOther is a different key
        }
        ObjectNode node = tree;
        for (String segment : rest.split("\\\\")) {
            if (segment.isEmpty()) {
                continue;
            }
            JsonNode child = node.get(segment);
            if (child == null || !child.isObject()) {
                child = NODES.objectNode();
                node.set(segment, child);
            }
            node = (ObjectNode) child;
        }
        return Optional.of(node);
    }

    private static JsonNode value(String type, String data, Map<String, String> environment) {
        return switch (type) {
            case "REG_SZ" -> NODES.stringNode(data);
            case "REG_EXPAND_SZ" -> NODES.stringNode(expand(data, environment));
            case "REG_MULTI_SZ" -> {
                ArrayNode items = NODES.arrayNode();
                for (String item : data.split("\\\\0", -1)) {
                    if (!item.isEmpty()) {
                        items.add(item);
                    }
                }
                yield items;
            }
            case "REG_DWORD", "REG_QWORD" -> number(data);
            case "REG_BINARY" -> NODES.binaryNode(hex(data));
            default -> null; // REG_NONE, links and the like: nothing a setting could be
        };
    }

    private static JsonNode number(String data) {
        String digits = data.strip().toLowerCase(Locale.ROOT);
        if (digits.startsWith("0x")) {
            digits = digits.substring(2);
        }
        try {
            // a DWORD is unsigned: 0xffffffff is 4294967295, not -1
            return NODES.numberNode(Long.parseUnsignedLong(digits, 16));
        } catch (NumberFormatException e) {
            return NODES.stringNode(data); // not what reg writes; the setting's type decides
        }
    }

    private static byte[] hex(String data) {
        try {
            return HexFormat.of().parseHex(data.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** Replaces {@code %NAME%} as Windows does: names in any case, unknown ones left as they are. */
    static String expand(String text, Map<String, String> environment) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String value = environment.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(variable.group());
            variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        variable.appendTail(expanded);
        return expanded.toString();
    }
}
