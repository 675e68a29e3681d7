package dev.airlock.runtime.gateway.contract;

import dev.airlock.runtime.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * JSON for a command line: every non-ASCII character escaped as {@code \}{@code uXXXX}. A process's
 * arguments are encoded in the JVM's platform encoding, which is ASCII under the C locale CI runs
 * with; escaped, the text arrives intact whatever the locale, and means the same JSON.
 */
final class Ascii {

    private Ascii() {}

    static String json(JsonNode node) {
        String json = Json.mapper().writeValueAsString(node);
        StringBuilder ascii = new StringBuilder(json.length());
        // outside strings JSON is ASCII, so every character escaped here is inside a string
        for (char c : json.toCharArray()) {
            if (c < 0x7f) {
                ascii.append(c);
            } else {
                ascii.append(String.format("\\u%04x", (int) c));
            }
        }
        return ascii.toString();
    }
}
