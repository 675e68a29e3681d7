package dev.airlock.runtime.tools;

import tools.jackson.databind.JsonNode;

/**
 * How large tool arguments may be. Checked before the schema, so a huge or deeply nested value is
 * refused cheaply and never reaches the validator or the server.
 *
 * @param maxArgumentBytes the arguments' size as compact UTF-8 JSON
 * @param maxArgumentDepth how deeply objects and lists may nest inside the arguments
 */
public record Limits(int maxArgumentBytes, int maxArgumentDepth) {

    public static final Limits DEFAULT = new Limits(1024 * 1024, 32);

    public Limits {
        if (maxArgumentBytes < 2 || maxArgumentDepth < 1) {
            throw new IllegalArgumentException("Limits must allow at least an empty object");
        }
    }

    /** The nesting depth of {@code node} (a scalar is 0), counting no further than {@code stopAt}. */
    static int depth(JsonNode node, int stopAt) {
        if (!node.isContainer() || stopAt <= 0) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node.values()) {
            deepest = Math.max(deepest, depth(child, stopAt - 1));
            if (deepest + 1 >= stopAt) {
                break;
            }
        }
        return deepest + 1;
    }
}
