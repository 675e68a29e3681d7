package dev.airlock.runtime.gateway;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP server answering in-process behind a real {@link ServerConnection}, for fuzzing the gateway
 * in front of it: the server is outside the unit under test, so a script stands in for a container.
 * It answers on threads of its own, as a container's reader would. Tools: {@code echo}; {@code
 * progress} (two progress notifications, then the answer); {@code broken} (a JSON-RPC error);
 * {@code hold} (answered only when {@link #releaseAll()} runs or a quarter of a second has passed, dropped when
 * cancelled). Lists, reads and every other request get a small well-formed result.
 */
final class ScriptedServer {

    private static final Duration HOLD_AT_MOST = Duration.ofMillis(250);

    private final ServerConnection connection;
    private final Map<Long, ObjectNode> held = new ConcurrentHashMap<>();

    ScriptedServer(String name) {
        this.connection = new ServerConnection(name, this::receive, notification -> {});
    }

    /** Runs Airlock's handshake with the script; call once before the gateway routes to it. */
    ScriptedServer started() throws Exception {
        connection.initialize(Duration.ofSeconds(10));
        return this;
    }

    ServerConnection connection() {
        return connection;
    }

    /** Answers every held call now. */
    void releaseAll() {
        for (Long id : held.keySet()) {
            release(id);
        }
    }

    private void release(long id) {
        ObjectNode request = held.remove(id);
        if (request != null) {
            reply(JsonRpc.result(request.get("id"), text("released")));
        }
    }

    private boolean receive(byte[] bytes) {
        ObjectNode message = (ObjectNode) Json.mapper().readTree(bytes);
        String method = JsonRpc.method(message);
        if (!message.has("id")) {
            if ("notifications/cancelled".equals(method)) {
                held.remove(message.path("params").path("requestId").asLong());
            }
            return true;
        }
        if (!message.has("method")) {
            return true; // an answer to a request of ours; the script sends none
        }
        JsonNode id = message.get("id");
        if ("tools/call".equals(method) && "hold".equals(toolName(message))) {
            long upstream = id.asLong();
            held.put(upstream, message);
            Thread.ofVirtual().start(() -> {
                sleep(HOLD_AT_MOST);
                release(upstream);
            });
            return true;
        }
        Thread.ofVirtual().start(() -> answer(message, method, id));
        return true;
    }

    private void answer(ObjectNode request, String method, JsonNode id) {
        ObjectNode result = JsonRpc.object();
        switch (method) {
            case "initialize" -> {
                result.put("protocolVersion", ServerConnection.UPSTREAM_PROTOCOL_VERSION);
                ObjectNode capabilities = result.putObject("capabilities");
                capabilities.putObject("tools");
                capabilities.putObject("prompts");
                capabilities.putObject("resources");
                capabilities.putObject("logging");
                result.putObject("serverInfo").put("name", "scripted").put("version", "1");
            }
            case "tools/list" -> {
                ArrayNode tools = result.putArray("tools");
                for (String tool : new String[] {"echo", "progress", "broken", "hold"}) {
                    tools.addObject().put("name", tool).putObject("inputSchema").put("type", "object");
                }
            }
            case "prompts/list" -> result.putArray("prompts").addObject().put("name", "greet");
            case "resources/list" ->
                result.putArray("resources").addObject().put("uri", "test://a").put("name", "a");
            case "resources/templates/list" ->
                result.putArray("resourceTemplates")
                        .addObject()
                        .put("uriTemplate", "test://t/{id}")
                        .put("name", "t");
            case "resources/read" ->
                result.putArray("contents")
                        .addObject()
                        .put("uri", request.path("params").path("uri").asString("test://a"))
                        .put("text", "content");
            case "tools/call" -> {
                switch (toolName(request)) {
                    case "broken" -> {
                        reply(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: broken"));
                        return;
                    }
                    case "progress" -> {
                        JsonNode token = request.path("params").path("_meta").path("progressToken");
                        if (!token.isMissingNode()) {
                            for (int step = 1; step <= 2; step++) {
                                ObjectNode params = JsonRpc.object();
                                params.set("progressToken", token);
                                params.put("progress", step);
                                params.put("total", 2);
                                reply(JsonRpc.notification("notifications/progress", params));
                            }
                        }
                        result = text("done");
                    }
                    default -> result = text(request.path("params").toString());
                }
            }
            default -> {
                // ping, logging/setLevel, completion/complete, subscriptions...: an empty result
            }
        }
        reply(JsonRpc.result(id, result));
    }

    private void reply(ObjectNode message) {
        connection.onMessage(Json.mapper().writeValueAsBytes(message));
    }

    private static String toolName(ObjectNode request) {
        return request.path("params").path("name").asString("");
    }

    private static ObjectNode text(String text) {
        ObjectNode result = JsonRpc.object();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result;
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
