package dev.airlock.runtime.remote;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a transport needs to know about a message Airlock sends: whether an answer is due, and to
 * which id, so that a request whose answer never comes still gets an error.
 *
 * @param id the request's id; null for notifications and answers
 * @param method the request's or notification's method; null for answers
 */
record Outgoing(JsonNode id, String method) {

    static Outgoing of(byte[] message) {
        try {
            JsonNode node = Json.mapper().readTree(message);
            return new Outgoing(node.get("method") == null ? null : node.get("id"), JsonRpc.method(node));
        } catch (JacksonException e) {
            return new Outgoing(null, null); // Airlock's own messages are JSON; nothing to wait for otherwise
        }
    }

    boolean isRequest() {
        return id != null && method != null;
    }

    boolean isInitialize() {
        return isRequest() && "initialize".equals(method);
    }

    /** An error answer to this request, as if the server had sent it, for the waiting client. */
    byte[] error(int code, String message) {
        return Json.mapper().writeValueAsBytes(JsonRpc.error(id, code, message));
    }
}
