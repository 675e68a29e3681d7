package dev.airlock.runtime.tools;

import dev.airlock.runtime.jsonrpc.JsonRpc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Whether a {@code tools/call} may go to the server. */
public sealed interface CallDecision {

    /** Forward the call as it is. */
    record Allowed(String tool) implements CallDecision {}

    /**
     * Answer the AI app with an error and forward nothing.
     *
     * @param tool the tool the call named; null when it named none
     * @param reason a sentence for the AI app and the user, saying why and what to do
     * @param code the JSON-RPC error code: {@link JsonRpc#INVALID_PARAMS}, as MCP answers a call to a
     *     tool it does not offer or with arguments it does not take
     */
    record Denied(String tool, String reason, int code) implements CallDecision {

        /** The JSON-RPC error response to the request with {@code id}. */
        public ObjectNode error(JsonNode id) {
            return JsonRpc.error(id, code, reason);
        }
    }
}
