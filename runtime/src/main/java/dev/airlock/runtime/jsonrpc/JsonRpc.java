package dev.airlock.runtime.jsonrpc;

import dev.airlock.runtime.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 message shapes and the error codes Airlock answers with. */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** The server behind the gateway stopped, or is not running (the MCP SDKs' "connection closed"). */
    public static final int SERVER_UNAVAILABLE = -32000;
    /** A gateway limit was exceeded (body size, in-flight requests). */
    public static final int LIMIT_EXCEEDED = -32001;
    /** The gateway refused the request: no or wrong token, foreign origin. */
    public static final int UNAUTHORIZED = -32002;
    /** MCP 2026-07-28: an HTTP header is missing or disagrees with the body (HeaderMismatchError). */
    public static final int HEADER_MISMATCH = -32020;
    /** MCP 2026-07-28: the request's protocol version is not supported (UnsupportedProtocolVersionError). */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {}

    /** What a JSON-RPC message is, from its members. */
    public enum Kind {
        REQUEST,
        NOTIFICATION,
        RESPONSE,
        INVALID
    }

    public static Kind kind(JsonNode message) {
        if (!(message instanceof ObjectNode object) || !"2.0".equals(textOrNull(object.get("jsonrpc")))) {
            return Kind.INVALID;
        }
        JsonNode method = object.get("method");
        JsonNode id = object.get("id");
        if (method != null) {
            if (!method.isString()) {
                return Kind.INVALID;
            }
            if (id == null) {
                return Kind.NOTIFICATION;
            }
            return validId(id) ? Kind.REQUEST : Kind.INVALID;
        }
        boolean hasResult = object.has("result");
        boolean hasError = object.has("error");
        if (id != null && hasResult != hasError) {
            return Kind.RESPONSE;
        }
        return Kind.INVALID;
    }

    /** MCP ids are strings or numbers, never null. */
    public static boolean validId(JsonNode id) {
        return id.isString() || id.isIntegralNumber();
    }

    public static String method(JsonNode message) {
        return textOrNull(message.get("method"));
    }

    public static ObjectNode request(Object id, String method, ObjectNode params) {
        ObjectNode node = NODES.objectNode();
        node.put("jsonrpc", "2.0");
        node.set("id", Json.mapper().valueToTree(id));
        node.put("method", method);
        if (params != null) {
            node.set("params", params);
        }
        return node;
    }

    public static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode node = NODES.objectNode();
        node.put("jsonrpc", "2.0");
        node.put("method", method);
        if (params != null) {
            node.set("params", params);
        }
        return node;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode node = NODES.objectNode();
        node.put("jsonrpc", "2.0");
        node.set("id", id);
        node.set("result", result);
        return node;
    }

    /** An error response; {@code id} may be null when the request's id could not be read. */
    public static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode node = NODES.objectNode();
        node.put("jsonrpc", "2.0");
        node.set("id", id == null ? NODES.nullNode() : id);
        ObjectNode error = node.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return node;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }
}
