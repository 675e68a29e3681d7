package dev.airlock.runtime.gateway;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes the gateway's HTTP front with requests built from the fuzzer's data: a few per run, some
 * waiting at once, each with a method, an address, the headers MCP's Streamable HTTP transport
 * reads (valid, invalid, missing, and those of other sessions and tokens) and a JSON-RPC body (a
 * valid message of a method the gateway knows, or one mutated, nested deep, batched, cut short).
 *
 * <p>Every answer must be well-formed HTTP before a generous deadline (no hang), never a 500 (an
 * unexpected exception), a JSON-RPC error object whenever the gateway refuses with 4xx, and a
 * request's own id on a JSON answer. After each run, once its sessions are ended, no session is
 * left and no request waits at a server.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seed corpus (GatewayRequestFuzzTestInputs) as
 * regression tests; with it, it fuzzes for {@code maxDuration}. See docs/gateway.md, "Fuzzing".
 */
class GatewayRequestFuzzTest {

    private static final String[] HTTP_METHODS = {"POST", "POST", "POST", "GET", "DELETE", "PUT", "OPTIONS", "HEAD"};
    private static final String[] PATHS = {
        "/mcp/weather",
        "/mcp",
        "/mcp/notes",
        "/mcp/WEATHER",
        "/mcp/off",
        "/mcp/broken",
        "/mcp/nope",
        "/mcp/",
        "/",
        "/mcp/weather/extra",
        "/mcp//weather",
        "/mcp/%77eather",
        "/mcp/weather?x=1",
        "/mcp/wea%00ther",
        "/mcp/../mcp/weather"
    };
    private static final String[] VERSIONS = {
        null, "2025-06-18", "2025-11-25", "2024-11-05", "2025-03-26", "2026-07-28", "1999-01-01", ""
    };
    private static final String[] ACCEPTS = {
        "application/json, text/event-stream", null, "application/json", "text/event-stream", "*/*", "text/html"
    };
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json; charset=utf-8",
        null,
        "text/plain",
        "APPLICATION/JSON",
        "application/jsonx"
    };
    private static final String[] RPC_METHODS = {
        "initialize",
        "tools/call",
        "tools/list",
        "ping",
        "prompts/list",
        "prompts/get",
        "resources/list",
        "resources/templates/list",
        "resources/read",
        "completion/complete",
        "logging/setLevel",
        "resources/subscribe",
        "server/discover",
        "notifications/initialized",
        "notifications/cancelled",
        "notifications/roots/list_changed",
        "notifications/progress",
        "sampling/createMessage",
        "",
        "tools/call"
    };
    private static final String[] TOOLS = {
        "echo",
        "progress",
        "broken",
        "hold",
        "weather.echo",
        "notes.progress",
        "weather.hold",
        "nope.echo",
        "echo.",
        ".echo",
        "",
        "weather."
    };

    /** Requests that wait at once each have a thread, as each would have a connection of its own. */
    private static final ExecutorService CALLERS = Executors.newVirtualThreadPerTaskExecutor();

    private static GatewayFuzzRig rig;

    @AfterAll
    static void stopGateway() throws IOException {
        if (rig != null) {
            rig.close();
        }
    }

    /** What a run has opened, to end it afterwards. */
    private record Opened(String session, String path) {}

    @FuzzTest(maxDuration = "60s")
    void requests(FuzzedDataProvider data) throws Exception {
        try (var connections = GatewayFuzzRig.loopbackOnly()) {
            if (rig == null) {
                // started here, not before all tests: Jazzer's agent comes with the first input
                rig = new GatewayFuzzRig();
            }
            run(data);
        }
    }

    private void run(FuzzedDataProvider data) throws Exception {
        var opened = new ArrayList<Opened>();
        var waiting = new ArrayList<CompletableFuture<Outcome>>();
        var failures = new ArrayList<AssertionError>();
        try {
            int steps = data.consumeInt(1, 6);
            for (int step = 0; step < steps && failures.isEmpty(); step++) {
                Request request = request(data, opened);
                if ("POST".equals(request.method()) && data.consumeBoolean()) {
                    waiting.add(CompletableFuture.supplyAsync(() -> send(request), CALLERS));
                } else {
                    record(send(request), opened, failures);
                }
            }
        } finally {
            rig.releaseHeldCalls();
            for (CompletableFuture<Outcome> call : waiting) {
                record(await(call), opened, failures);
            }
            endAll(opened);
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        rig.assertNothingLeftBehind();
    }

    /** One HTTP request and what it expects of its answer. */
    private record Request(
            String method,
            String path,
            Map<String, String> headers,
            byte[] body,
            JsonNode sentId,
            boolean jsonRpcPath) {}

    /** An answer, or the assertion it failed. */
    private record Outcome(Request request, GatewayFuzzRig.Reply reply, AssertionError failure) {}

    private Request request(FuzzedDataProvider data, List<Opened> opened) {
        String method = data.pickValue(HTTP_METHODS);
        String path = data.pickValue(PATHS);
        var headers = new LinkedHashMap<String, String>();
        switch (data.consumeInt(0, 5)) {
            case 0 -> headers.put("Host", "127.0.0.1:" + rig.port());
            case 1 -> headers.put("Host", "localhost");
            case 2 -> headers.put("Host", "[::1]:1");
            case 3 -> headers.put("Host", "evil.example:" + rig.port());
            case 4 -> headers.put("Host", headerValue(data));
            default -> {} // none: HTTP/1.1 requires one
        }
        switch (data.consumeInt(0, 5)) {
            case 0 -> {}
            case 1 -> headers.put("Origin", "http://localhost:3000");
            case 2 -> headers.put("Origin", "null");
            case 3 -> headers.put("Origin", "https://evil.example");
            case 4 -> headers.put("Origin", headerValue(data));
            default -> headers.put("Origin", "file://");
        }
        switch (data.consumeInt(0, 6)) {
            case 0, 1 -> headers.put("Authorization", "Bearer " + rig.token);
            case 2 -> headers.put("Authorization", "Bearer " + rig.otherToken);
            case 3 -> headers.put("Authorization", "Bearer alk_" + headerValue(data));
            case 4 -> headers.put("Authorization", "Basic " + headerValue(data));
            case 5 -> headers.put("Authorization", headerValue(data));
            default -> {}
        }
        putIfPresent(headers, "Content-Type", data.pickValue(CONTENT_TYPES));
        putIfPresent(headers, "Accept", data.pickValue(ACCEPTS));
        String version = data.pickValue(VERSIONS);
        putIfPresent(headers, "MCP-Protocol-Version", version);
        switch (data.consumeInt(0, 3)) {
            case 0 -> {}
            case 1 -> {
                if (!opened.isEmpty()) {
                    headers.put(
                            "Mcp-Session-Id",
                            opened.get(data.consumeInt(0, opened.size() - 1)).session());
                }
            }
            case 2 -> headers.put("Mcp-Session-Id", headerValue(data));
            default -> headers.put("Mcp-Session-Id", "AAAAAAAAAAAAAAAAAAAAAA");
        }
        if (data.consumeBoolean()) {
            headers.put("Last-Event-ID", headerValue(data));
        }
        Body body = body(data, version);
        if (data.consumeBoolean()) {
            headers.put("Mcp-Method", data.consumeBoolean() ? body.rpcMethod() : headerValue(data));
        }
        if (data.consumeBoolean()) {
            headers.put("Mcp-Name", data.consumeBoolean() ? body.name() : headerValue(data));
        }
        boolean withBody = "POST".equals(method) || data.consumeInt(0, 3) == 0;
        boolean jsonRpcPath = path.equals("/mcp") || path.startsWith("/mcp/");
        return new Request(method, path, headers, withBody ? body.bytes() : null, body.id(), jsonRpcPath);
    }

    /** A body, and what it says when it is a plain message. */
    private record Body(byte[] bytes, JsonNode id, String rpcMethod, String name) {}

    private Body body(FuzzedDataProvider data, String version) {
        String rpcMethod = data.pickValue(RPC_METHODS);
        boolean notification = rpcMethod.startsWith("notifications/") || data.consumeInt(0, 9) == 0;
        String id = switch (data.consumeInt(0, 11)) {
            case 0, 1 -> Integer.toString(data.consumeInt());
            case 2 -> "\"" + jsonText(data) + "\"";
            case 3 -> "null";
            case 4 -> "1e400";
            case 5 -> "123456789012345678901234567890";
            case 6 -> "-0.5";
            case 7 -> "{}";
            case 8 -> "[1]";
            case 9 -> "true";
            case 10 -> "9223372036854775808";
            default -> Long.toString(data.consumeLong());
        };
        String name = data.pickValue(TOOLS);
        var params = new StringBuilder("{");
        switch (rpcMethod) {
            case "initialize" ->
                params.append("\"protocolVersion\":\"")
                        .append(data.consumeBoolean() ? "2025-06-18" : jsonText(data))
                        .append("\",\"capabilities\":{},\"clientInfo\":{\"name\":\"")
                        .append(jsonText(data))
                        .append("\",\"version\":\"1\"}");
            case "tools/call", "prompts/get" ->
                params.append("\"name\":\"")
                        .append(name)
                        .append("\",\"arguments\":{\"text\":\"")
                        .append(jsonText(data))
                        .append("\"}");
            case "resources/read", "resources/subscribe" -> {
                name = data.consumeBoolean() ? "test://a" : "test://t/" + jsonText(data);
                params.append("\"uri\":\"").append(name).append('"');
            }
            case "notifications/cancelled" ->
                params.append("\"requestId\":").append(id).append(",\"reason\":\"fuzz\"");
            case "logging/setLevel" ->
                params.append("\"level\":\"").append(jsonText(data)).append('"');
            default -> {}
        }
        if (data.consumeBoolean()) {
            if (params.length() > 1) {
                params.append(',');
            }
            params.append("\"_meta\":{");
            if (data.consumeBoolean()) {
                params.append("\"progressToken\":")
                        .append(data.consumeBoolean() ? "\"p\"" : id)
                        .append(',');
            }
            if (data.consumeBoolean()) {
                params.append("\"io.modelcontextprotocol/protocolVersion\":\"")
                        .append(version != null && data.consumeBoolean() ? version : "2026-07-28")
                        .append("\",\"io.modelcontextprotocol/clientCapabilities\":{},")
                        .append("\"io.modelcontextprotocol/clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"},");
            }
            params.append("\"x\":0}");
        }
        params.append('}');
        String message = "{\"jsonrpc\":\"2.0\","
                + (notification ? "" : "\"id\":" + id + ",")
                + "\"method\":\"" + rpcMethod + "\""
                + (data.consumeBoolean() ? ",\"params\":" + params : "")
                + "}";
        JsonNode sentId = notification ? null : parsedId(id);
        String mutated = switch (data.consumeInt(0, 15)) {
            case 0 -> message.substring(0, data.consumeInt(0, message.length()));
            case 1 -> "[" + message + "," + message + "]";
            case 2 -> "[]";
            case 3 -> "[".repeat(data.consumeInt(1, 5000)) + "]".repeat(data.consumeInt(0, 5000));
            case 4 -> "{\"a\":".repeat(data.consumeInt(1, 3000)) + "1" + "}".repeat(data.consumeInt(0, 3000));
            case 5 -> message.replace("\"jsonrpc\":\"2.0\"", "\"jsonrpc\":\"" + jsonText(data) + "\"");
            case 6 -> {
                int at = data.consumeInt(0, message.length());
                yield message.substring(0, at) + data.consumeString(16) + message.substring(at);
            }
            case 7 -> "1".repeat(data.consumeInt(1, 60_000));
            case 8 -> message + data.consumeString(8);
            case 9 -> "\uFEFF" + message;
            case 10 -> message.replace("{\"jsonrpc\"", "{\"method\":1,\"jsonrpc\"");
            case 11 -> data.consumeString(256);
            case 12 -> "\"" + "x".repeat(data.consumeInt(0, 200_000)) + "\"";
            default -> message;
        };
        return new Body(
                mutated.getBytes(StandardCharsets.UTF_8), mutated.equals(message) ? sentId : null, rpcMethod, name);
    }

    private static JsonNode parsedId(String id) {
        try {
            return Json.mapper().readTree(id);
        } catch (JacksonException e) {
            return null;
        }
    }

    private Outcome send(Request request) {
        try {
            GatewayFuzzRig.Reply reply =
                    rig.exchange(request.method(), request.path(), request.headers(), request.body());
            return new Outcome(request, reply, check(request, reply));
        } catch (AssertionError e) {
            return new Outcome(request, null, new AssertionError(e.getMessage() + "\nfor " + describe(request), e));
        } catch (IOException e) {
            return new Outcome(
                    request, null, new AssertionError("The connection failed: " + e + "\nfor " + describe(request), e));
        }
    }

    private static String describe(Request request) {
        String body = request.body() == null ? "(none)" : new String(request.body(), StandardCharsets.UTF_8);
        return "%s %s %s, body %d bytes: %s"
                .formatted(
                        request.method(),
                        request.path(),
                        request.headers(),
                        request.body() == null ? 0 : request.body().length,
                        GatewayFuzzRig.abbreviate(body));
    }

    /** The properties every answer has; null when it has them. */
    private static AssertionError check(Request request, GatewayFuzzRig.Reply reply) {
        String what = "%s %s %s".formatted(request.method(), request.path(), request.headers());
        if (reply.status() >= 500 && reply.status() != 503) {
            return new AssertionError(
                    "%d for %s:%n%s".formatted(reply.status(), what, GatewayFuzzRig.abbreviate(reply.raw())));
        }
        boolean json = String.valueOf(reply.header("Content-Type")).startsWith("application/json");
        if (request.jsonRpcPath() && reply.status() >= 400 && !"HEAD".equals(request.method())) {
            JsonNode body = json ? readJson(reply.body()) : null;
            if (body == null
                    || !"2.0".equals(body.path("jsonrpc").asString(null))
                    || !body.path("error").path("code").isInt()
                    || !body.path("error").path("message").isString()
                    || !body.has("id")) {
                return new AssertionError("%d without a JSON-RPC error for %s:%n%s"
                        .formatted(reply.status(), what, GatewayFuzzRig.abbreviate(reply.raw())));
            }
        }
        if (reply.status() == 200 && json && "POST".equals(request.method()) && request.sentId() != null) {
            JsonNode body = readJson(reply.body());
            if (body == null || !request.sentId().equals(body.get("id"))) {
                return new AssertionError("An answer with another id than the request's %s for %s:%n%s"
                        .formatted(request.sentId(), what, GatewayFuzzRig.abbreviate(reply.raw())));
            }
        }
        return null;
    }

    private static JsonNode readJson(String body) {
        try {
            return Json.mapper().readTree(body.getBytes(StandardCharsets.ISO_8859_1));
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void record(Outcome outcome, List<Opened> opened, List<AssertionError> failures) {
        if (outcome.reply() != null) {
            String session = outcome.reply().header("Mcp-Session-Id");
            if (session != null) {
                opened.add(new Opened(session, outcome.request().path()));
            }
        }
        if (outcome.failure() != null) {
            failures.add(outcome.failure());
        }
    }

    private static Outcome await(CompletableFuture<Outcome> call) {
        try {
            return call.get(GatewayFuzzRig.DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new Outcome(null, null, new AssertionError("A request waiting at the gateway never got an answer"));
        } catch (ExecutionException e) {
            return new Outcome(null, null, new AssertionError("A request failed", e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, null, new AssertionError(e));
        }
    }

    private static void endAll(List<Opened> opened) throws IOException {
        Set<String> sessions = new LinkedHashSet<>();
        opened.forEach(o -> sessions.add(o.session()));
        for (String session : sessions) {
            rig.end(
                    session,
                    opened.stream()
                            .filter(o -> o.session().equals(session))
                            .map(Opened::path)
                            .distinct()
                            .toList());
        }
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    /** Text that fits in a header value: no line breaks or other control characters. */
    private static String headerValue(FuzzedDataProvider data) {
        var value = new StringBuilder();
        for (char c : data.consumeString(64).toCharArray()) {
            value.append(c < 0x20 || c == 0x7F || c > 0xFF ? '?' : c);
        }
        return value.toString().strip();
    }

    /** Text that fits in a JSON string as it is. */
    private static String jsonText(FuzzedDataProvider data) {
        var text = new StringBuilder();
        for (char c : data.consumeString(32).toCharArray()) {
            text.append(c < 0x20 || c == '"' || c == '\\' ? '_' : c);
        }
        return text.toString();
    }
}
