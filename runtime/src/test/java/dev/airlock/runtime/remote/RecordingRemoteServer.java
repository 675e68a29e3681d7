package dev.airlock.runtime.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A remote MCP server for the identity tests, written here as a test double: minimal Streamable HTTP
 * (JSON answers, no stream of its own) with one tool, {@code whoami}. It records the Authorization
 * header of every request, and refuses the tokens it is told to refuse with 401, as a server does
 * with an expired or revoked token.
 */
final class RecordingRemoteServer implements AutoCloseable {

    /** What one request carried: its method (HTTP and JSON-RPC) and its Authorization header. */
    record Seen(String httpMethod, String rpcMethod, Optional<String> authorization) {}

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile boolean refuseAll;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    RecordingRemoteServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/mcp", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:%d/mcp".formatted(server.getAddress().getPort());
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The bearer tokens it was sent, in order; "(none)" for a request without one. */
    List<String> bearerTokens() {
        var tokens = new ArrayList<String>();
        for (Seen s : seen) {
            tokens.add(s.authorization()
                    .map(value -> value.startsWith("Bearer ") ? value.substring(7) : "(not bearer) " + value)
                    .orElse("(none)"));
        }
        return tokens;
    }

    /** Answers 401 to this token from now on. */
    void refuse(String token) {
        refused.add(token);
    }

    void refuseEveryone() {
        refuseAll = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<String> authorization =
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode message = body.length == 0 ? null : Json.mapper().readTree(body);
            String rpcMethod = message == null ? null : message.path("method").asString(null);
            seen.add(new Seen(exchange.getRequestMethod(), rpcMethod, authorization));
            String token =
                    authorization.map(v -> v.substring(v.indexOf(' ') + 1)).orElse("");
            if (refuseAll || refused.contains(token)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "POST" -> post(exchange, message, token);
                case "DELETE" -> exchange.sendResponseHeaders(200, -1);
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    private void post(HttpExchange exchange, JsonNode message, String token) throws IOException {
        if (message == null || !message.has("id") || !message.has("method")) {
            exchange.sendResponseHeaders(202, -1); // notifications and answers
            return;
        }
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", message.get("id"));
        ObjectNode result = answer.putObject("result");
        switch (message.path("method").asString()) {
            case "initialize" -> {
                session = UUID.randomUUID().toString();
                sessions.add(session);
                exchange.getResponseHeaders().set("Mcp-Session-Id", session);
                result.put("protocolVersion", "2025-06-18");
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "recording").put("version", "1");
            }
            case "tools/list" -> {
                ObjectNode tool = result.putArray("tools").addObject();
                tool.put("name", "whoami");
                tool.put("description", "Says whether a token came with the call");
                tool.putObject("inputSchema").put("type", "object");
            }
            case "tools/call" ->
                result.putArray("content")
                        .addObject()
                        .put("type", "text")
                        .put("text", token.isEmpty() ? "anonymous" : "someone");
            default -> {
                answer.remove("result");
                answer.putObject("error").put("code", -32601).put("message", "no such method");
            }
        }
        if (!message.path("method").asString().equals("initialize")
                && (session == null || !sessions.contains(session))) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        byte[] bytes = Json.mapper().writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Forgets every session, as a server that restarted would. */
    void forgetSessions() {
        sessions.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
