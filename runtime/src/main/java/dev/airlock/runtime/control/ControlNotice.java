package dev.airlock.runtime.control;

import dev.airlock.runtime.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A line the engine sends ahead of the answer while a command waits on the user, today only for
 * {@code signin}: {@code {"notice":{"message":"...","address":"..."}}}. Any number of notices may
 * come before the one answer, and none after it.
 */
record ControlNotice(SignInNotice notice) {

    ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().set("notice", Json.mapper().valueToTree(notice));
    }

    /** Whether a line from the engine is a notice rather than the answer, which always has {@code ok}. */
    static boolean isNotice(JsonNode json) {
        return json.isObject() && !json.has("ok") && json.has("notice");
    }

    /** Reads a notice; returns null when it is not shaped like one. Members it does not know are ignored. */
    static ControlNotice fromJson(JsonNode json) {
        JsonNode notice = json.get("notice");
        if (notice == null || !notice.isObject()) {
            return null;
        }
        JsonNode message = notice.get("message");
        JsonNode address = notice.get("address");
        if (message == null || !message.isString()) {
            return null;
        }
        if (address == null || address.isNull()) {
            return new ControlNotice(new SignInNotice(message.stringValue(), null));
        }
        if (!address.isString()) {
            return null;
        }
        return new ControlNotice(new SignInNotice(message.stringValue(), address.stringValue()));
    }
}
