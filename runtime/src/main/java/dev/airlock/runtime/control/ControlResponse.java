package dev.airlock.runtime.control;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** One answer on the control socket: {@code {"ok":true,"result":...}} or {@code {"ok":false,"error":{...}}}. */
sealed interface ControlResponse {

    record Success(JsonNode result) implements ControlResponse {}

    record Failure(String code, String message) implements ControlResponse {

        static Failure of(ControlException e) {
            return new Failure(e.code(), e.getMessage());
        }
    }

    default ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        return switch (this) {
            case Success(JsonNode result) -> json.put("ok", true).set("result", result);
            case Failure(String code, String message) ->
                json.put("ok", false)
                        .set("error", json.objectNode().put("code", code).put("message", message));
        };
    }

    /** Reads an answer; returns null when the JSON is not shaped like one. */
    static ControlResponse fromJson(JsonNode json) {
        JsonNode ok = json.get("ok");
        if (ok == null || !ok.isBoolean()) {
            return null;
        }
        if (ok.booleanValue()) {
            JsonNode result = json.get("result");
            return new Success(result == null ? NullNode.getInstance() : result);
        }
        JsonNode error = json.path("error");
        JsonNode code = error.get("code");
        JsonNode message = error.get("message");
        if (code == null || !code.isString() || message == null || !message.isString()) {
            return null;
        }
        return new Failure(code.stringValue(), message.stringValue());
    }
}
