package dev.airlock.runtime.gateway.contract;

import tools.jackson.databind.JsonNode;

/**
 * What one client saw in one scenario, in the same JSON shape for every client (see
 * dev/clients/ts-sdk-client.mjs for the shape of each kind), so that {@link Scenario} asserts on it
 * in one place.
 *
 * @param ok whether the client got through the scenario without raising an error of its own
 * @param observation what it saw, when {@code ok}
 * @param error the error it raised otherwise
 */
record Outcome(boolean ok, JsonNode observation, JsonNode error) {

    /** Parses one line the TypeScript client printed: {@code {"id", "ok", "observation" | "error"}}. */
    static Outcome of(JsonNode line) {
        return new Outcome(line.path("ok").asBoolean(false), line.path("observation"), line.path("error"));
    }
}
