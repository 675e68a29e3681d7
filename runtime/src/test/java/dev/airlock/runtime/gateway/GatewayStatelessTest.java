package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP 2026-07-28, the stateless revision, at {@code /mcp/{server}} and {@code /mcp}, with a scripted
 * server {@code weather} behind the gateway that speaks 2025-06-18 and tells what it received.
 */
@Timeout(60)
class GatewayStatelessTest {

    private static final String V = "2026-07-28";

    @TempDir
    Path dir;

    private final ActivityLog log = new ActivityLog();
    private final FixedRoutes routes = new FixedRoutes();
    private final BlockingQueue<ObjectNode> received = new LinkedBlockingQueue<>();
    private Gateway gateway;
    private String token;

    @BeforeEach
    void start() throws Exception {
        routes.put("weather", new ServerState.Running(scripted("weather")));
        var tokens = new ClientTokens(dir.resolve("client-tokens.json"));
        token = tokens.issue("claude-desktop");
        gateway = new Gateway(
                new GatewaySettings(
                        0,
                        GatewaySettings.DEFAULT_MAX_BODY_BYTES,
                        16,
                        Duration.ofSeconds(5),
                        GatewaySettings.DEFAULT_CALL_QUIET_LIMIT),
                routes,
                tokens,
                log);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    // --- server/discover ----------------------------------------------------------------------------------

    @Test
    void discoverAtAServersAddressTellsTheServersOwnHandshakeAndEveryVersion() throws Exception {
        var reply = post("/mcp/weather", stateless("server/discover", null), V, "server/discover", null);

        JsonNode result = result(reply);
        assertThat(reply.header("Mcp-Session-Id")).isNull();
        assertThat(strings(result.path("supportedVersions")))
                .containsExactly("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", V);
        assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("weather");
        assertThat(result.path("capabilities").has("tools")).isTrue();
        assertThat(result.path("instructions").asString()).isEqualTo("Ask about the weather.");
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
        assertThat(result.path("ttlMs").asLong(-1)).isGreaterThanOrEqualTo(0);
        assertThat(result.path("cacheScope").asString()).isEqualTo("private");
    }

    @Test
    void discoverAtMcpTellsTheGatewaysOwnCapabilities() throws Exception {
        JsonNode result = result(post("/mcp", stateless("server/discover", null), V, "server/discover", null));

        assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("airlock");
        assertThat(result.path("capabilities").path("tools").path("listChanged").asBoolean())
                .isTrue();
        assertThat(result.path("supportedVersions").toString()).contains(V);
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
        assertThat(result.path("cacheScope").asString()).isEqualTo("private");
    }

    // --- calls ------------------------------------------------------------------------------------------------

    @Test
    void aCallAtAServersAddressIsAnsweredCompleteAndRecordedUnderTheAppsName() throws Exception {
        var reply = post(
                "/mcp/weather",
                stateless("tools/call", "{\"name\":\"forecast\",\"arguments\":{}}"),
                V,
                "tools/call",
                "forecast");

        JsonNode result = result(reply);
        assertThat(text(result)).isEqualTo("weather tools/call forecast");
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
        // the server, speaking an older version, gets no 2026-07-28 keys but keeps the progress token
        JsonNode meta = received.poll(10, TimeUnit.SECONDS).path("params").path("_meta");
        assertThat(meta.has("progressToken")).isTrue();
        assertThat(meta.propertyNames()).noneMatch(key -> key.startsWith("io.modelcontextprotocol/"));
        ActivityView call = awaitCall();
        assertThat(call.client()).isEqualTo("claude-desktop");
        assertThat(call.clientApp()).isEqualTo("claude-next");
        assertThat(call.server()).isEqualTo("weather");
        assertThat(call.method()).isEqualTo("tools/call");
        assertThat(call.target()).isEqualTo("forecast");
        assertThat(call.outcome()).isEqualTo("ok");
    }

    @Test
    void aCallAtMcpGoesToTheServerByItsNameAndIsAnsweredComplete() throws Exception {
        var reply = post(
                "/mcp",
                stateless("tools/call", "{\"name\":\"weather.forecast\",\"arguments\":{}}"),
                V,
                "tools/call",
                "weather.forecast");

        JsonNode result = result(reply);
        assertThat(text(result)).isEqualTo("weather tools/call forecast");
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
        ActivityView call = awaitCall();
        assertThat(call.server()).isEqualTo("weather");
        assertThat(call.target()).isEqualTo("forecast");
        assertThat(call.clientApp()).isEqualTo("claude-next");
    }

    @Test
    void aListGatheredAtMcpIsAnsweredComplete() throws Exception {
        JsonNode result = result(post("/mcp", stateless("tools/list", "{}"), V, "tools/list", null));

        assertThat(result.path("tools").get(0).path("name").asString()).isEqualTo("weather.forecast");
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
    }

    @Test
    void progressComesOverAnEventStreamAsInASession() throws Exception {
        var reply = post(
                "/mcp/weather",
                stateless("tools/call", "{\"name\":\"slow\",\"arguments\":{}}"),
                V,
                "tools/call",
                "slow");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        reply.body()
                .lines()
                .filter(line -> line.startsWith("data: "))
                .forEach(line -> events.add(Json.mapper().readTree(line.substring(6))));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("params").path("progressToken").asString())
                .isEqualTo("p1");
        assertThat(events.get(1).path("id").asInt()).isEqualTo(7);
        assertThat(events.get(1).path("result").path("resultType").asString()).isEqualTo("complete");
    }

    @Test
    void aStraySessionIdIsIgnored() throws Exception {
        var headers = headers(V, "tools/list", null);
        headers.put("Mcp-Session-Id", "no-such-session");

        var reply = RawHttp.send(gateway.port(), "POST", "/mcp/weather", headers, bytes(stateless("tools/list", "{}")));

        assertThat(result(reply).path("resultType").asString()).isEqualTo("complete");
    }

    // --- refusals ----------------------------------------------------------------------------------------------

    @Test
    void eachMissingOrDisagreeingHeaderIsRefusedWithHeaderMismatchNamingIt() throws Exception {
        String call = stateless("tools/call", "{\"name\":\"forecast\",\"arguments\":{}}");
        String read = stateless("resources/read", "{\"uri\":\"weather://today\"}");

        assertRefused(post("/mcp/weather", call, null, "tools/call", "forecast"), 400, -32020, "MCP-Protocol-Version");
        assertRefused(post("/mcp/weather", call, V, null, "forecast"), 400, -32020, "Mcp-Method");
        assertRefused(post("/mcp/weather", call, V, "tools/list", "forecast"), 400, -32020, "Mcp-Method");
        assertRefused(post("/mcp/weather", call, V, "tools/call", null), 400, -32020, "Mcp-Name");
        assertRefused(post("/mcp/weather", call, V, "tools/call", "alerts"), 400, -32020, "Mcp-Name");
        assertRefused(post("/mcp/weather", read, V, "resources/read", "weather://other"), 400, -32020, "Mcp-Name");
        assertRefused(
                post("/mcp/weather", call.replace(V, "2025-11-25"), V, "tools/call", "forecast"),
                400,
                -32020,
                "MCP-Protocol-Version");
        assertRefused(
                post("/mcp", call.replace("\"forecast\"", "\"weather.forecast\""), V, "tools/call", "forecast"),
                400,
                -32020,
                "Mcp-Name");
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingMetaOrRequiredKeyIsRefusedAsInvalidParamsNamingIt() throws Exception {
        String bare = request(1, "tools/list", "{}");
        String noInfo = request(
                2,
                "tools/list",
                "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V
                        + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}}");

        var withoutMeta = post("/mcp/weather", bare, V, "tools/list", null);
        var withoutInfo = post("/mcp/weather", noInfo, V, "tools/list", null);

        assertRefused(withoutMeta, 400, JsonRpc.INVALID_PARAMS, "io.modelcontextprotocol/clientInfo");
        assertThat(error(withoutMeta).path("message").asString())
                .contains(
                        "missing: io.modelcontextprotocol/protocolVersion, io.modelcontextprotocol/clientCapabilities");
        assertRefused(withoutInfo, 400, JsonRpc.INVALID_PARAMS, "missing: io.modelcontextprotocol/clientInfo.");
        assertThat(Json.mapper().readTree(withoutInfo.body()).path("id").asInt())
                .isEqualTo(2);
    }

    @Test
    void anUnsupportedVersionIsRefusedWithTheVersionsSupported() throws Exception {
        String future = stateless("tools/list", "{}").replace(V, "2099-01-01");

        var withHeader = post("/mcp/weather", future, "2099-01-01", "tools/list", null);
        var withoutHeader = post("/mcp", future, null, "tools/list", null);

        for (var reply : List.of(withHeader, withoutHeader)) {
            assertRefused(reply, 400, -32022, "2099-01-01");
            JsonNode data = error(reply).path("data");
            assertThat(data.path("requested").asString()).isEqualTo("2099-01-01");
            assertThat(strings(data.path("supported"))).contains(V, "2025-11-25");
        }
    }

    @Test
    void methodsThisRevisionRemovedOrDoesNotHaveAreNotFound() throws Exception {
        for (String method : List.of("ping", "logging/setLevel", "no/such")) {
            assertRefused(post("/mcp/weather", stateless(method, "{}"), V, method, null), 404, -32601, method);
        }
        assertRefused(post("/mcp", stateless("ping", "{}"), V, "ping", null), 404, -32601, "ping");
        assertThat(received).isEmpty();
    }

    @Test
    void removedNotificationsAreNotFoundAndOthersAreAcceptedButNotPassedOn() throws Exception {
        String rootsChanged = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}";
        String cancelled = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}";

        var removed = post("/mcp/weather", rootsChanged, V, "notifications/roots/list_changed", null);
        var accepted = post("/mcp/weather", cancelled, V, "notifications/cancelled", null);

        assertRefused(removed, 404, -32601, "notifications/roots/list_changed");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(received).isEmpty();
    }

    @Test
    void thereIsNoStreamUnderThisRevision() throws Exception {
        var headers = headers(V, null, null);
        headers.put("Accept", "text/event-stream");

        var reply = RawHttp.send(gateway.port(), "GET", "/mcp/weather", headers, null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("POST");
    }

    @Test
    void theTokenIsCheckedAsForSessions() throws Exception {
        var headers = headers(V, "tools/list", null);
        headers.remove("Authorization");

        var reply = RawHttp.send(gateway.port(), "POST", "/mcp/weather", headers, bytes(stateless("tools/list", "{}")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(received).isEmpty();
    }

    // --- side by side -----------------------------------------------------------------------------------------

    @Test
    void aSessionOfAnOlderVersionWorksBesideStatelessRequests() throws Exception {
        var opened = RawHttp.send(
                gateway.port(),
                "POST",
                "/mcp/weather",
                headers(null, null, null),
                bytes("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + V
                        + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"old-app\",\"version\":\"1\"}}}"));
        String session = opened.header("Mcp-Session-Id");
        var sessionHeaders = headers(null, null, null);
        sessionHeaders.put("Mcp-Session-Id", session);

        JsonNode stateless = result(post(
                "/mcp/weather",
                stateless("tools/call", "{\"name\":\"forecast\",\"arguments\":{}}"),
                V,
                "tools/call",
                "forecast"));
        JsonNode sessioned = result(RawHttp.send(
                gateway.port(),
                "POST",
                "/mcp/weather",
                sessionHeaders,
                bytes(request(3, "tools/call", "{\"name\":\"forecast\",\"arguments\":{}}"))));
        var ping =
                RawHttp.send(gateway.port(), "POST", "/mcp/weather", sessionHeaders, bytes(request(4, "ping", "{}")));

        // asked for 2026-07-28 in initialize, an old-style app gets the server's session version
        assertThat(result(opened).path("protocolVersion").asString()).isEqualTo("2025-06-18");
        assertThat(stateless.path("resultType").asString()).isEqualTo("complete");
        assertThat(text(sessioned)).isEqualTo("weather tools/call forecast");
        assertThat(sessioned.has("resultType")).isFalse();
        assertThat(result(ping).isObject()).isTrue();
        var withoutSession = RawHttp.send(
                gateway.port(),
                "POST",
                "/mcp/weather",
                headers(null, null, null),
                bytes(request(5, "tools/list", "{}")));
        assertThat(withoutSession.status()).isEqualTo(400);
        assertThat(error(withoutSession).path("code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
    }

    // --- the scripted server ------------------------------------------------------------------------------------

    /**
     * A server that answers initialize (2025-06-18, with instructions), lists one tool, and answers
     * every call with what it saw; the tool {@code slow} reports progress first. Requests it gets,
     * other than the handshake and lists, go to {@link #received}.
     */
    private ServerConnection scripted(String name) throws Exception {
        var connection = new CompletableFuture<ServerConnection>();
        var server = new ServerConnection(
                name,
                bytes -> {
                    ObjectNode message = (ObjectNode) Json.mapper().readTree(bytes);
                    Thread.ofVirtual().start(() -> answer(connection.join(), name, message));
                    return true;
                },
                notification -> gateway.broadcast(connection.join(), notification));
        connection.complete(server);
        server.initialize(Duration.ofSeconds(10));
        return server;
    }

    private void answer(ServerConnection connection, String name, ObjectNode message) {
        String method = JsonRpc.method(message);
        if (!message.has("id")) {
            return;
        }
        ObjectNode result;
        switch (method) {
            case "initialize" ->
                result = json("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{},\"resources\":{}},"
                        + "\"serverInfo\":{\"name\":\"" + name + "\",\"version\":\"1\"},"
                        + "\"instructions\":\"Ask about the weather.\"}");
            case "tools/list" ->
                result = json("{\"tools\":[{\"name\":\"forecast\",\"inputSchema\":{\"type\":\"object\"}},"
                        + "{\"name\":\"slow\",\"inputSchema\":{\"type\":\"object\"}}]}");
            default -> {
                received.add(message);
                JsonNode params = message.path("params");
                if ("slow".equals(params.path("name").asString(""))) {
                    ObjectNode progress = JsonRpc.object();
                    progress.set("progressToken", params.path("_meta").path("progressToken"));
                    progress.put("progress", 1);
                    connection.onMessage(
                            Json.mapper().writeValueAsBytes(JsonRpc.notification("notifications/progress", progress)));
                }
                String what = params.has("uri")
                        ? params.path("uri").asString()
                        : params.path("name").asString();
                result = JsonRpc.object();
                result.putArray("content")
                        .addObject()
                        .put("type", "text")
                        .put("text", name + " " + method + " " + what);
            }
        }
        connection.onMessage(Json.mapper().writeValueAsBytes(JsonRpc.result(message.get("id"), result)));
    }

    // --- the AI app's side ------------------------------------------------------------------------------------

    /** A request of 2026-07-28 with all three required {@code _meta} keys and a progress token. */
    private static String stateless(String method, String params) {
        ObjectNode body = params == null ? JsonRpc.object() : json(params);
        ObjectNode meta = body.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", V);
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        meta.putObject("io.modelcontextprotocol/clientInfo")
                .put("name", "claude-next")
                .put("version", "2.0");
        meta.put("progressToken", "p1");
        return Json.mapper().writeValueAsString(JsonRpc.request(7, method, body));
    }

    private static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + Json.mapper().writeValueAsString(id) + ",\"method\":\"" + method
                + "\",\"params\":" + params + "}";
    }

    private RawHttp.Reply post(String path, String body, String version, String method, String name) throws Exception {
        return RawHttp.send(gateway.port(), "POST", path, headers(version, method, name), bytes(body));
    }

    private Map<String, String> headers(String version, String method, String name) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + gateway.port());
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (version != null) {
            headers.put("MCP-Protocol-Version", version);
        }
        if (method != null) {
            headers.put("Mcp-Method", method);
        }
        if (name != null) {
            headers.put("Mcp-Name", name);
        }
        return headers;
    }

    private static void assertRefused(RawHttp.Reply reply, int status, int code, String mentioned) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        JsonNode error = error(reply);
        assertThat(error.path("code").asInt()).as(reply.body()).isEqualTo(code);
        assertThat(error.path("message").asString()).contains(mentioned);
    }

    private static JsonNode error(RawHttp.Reply reply) {
        return Json.mapper().readTree(reply.body()).path("error");
    }

    private static JsonNode result(RawHttp.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(reply.body());
        assertThat(body.has("error")).as(reply.body()).isFalse();
        return body.path("result");
    }

    private static String text(JsonNode result) {
        return result.path("content").get(0).path("text").asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private ActivityView awaitCall() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !log.recent(1).isEmpty());
        return log.recent(1).get(0);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.mapper().readTree(text);
    }
}
