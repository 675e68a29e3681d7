package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.RawHttp;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The core path: a catalog entry becomes a hardened container whose stdio real MCP clients reach as
 * Streamable HTTP on 127.0.0.1, and bad input is answered clearly while the gateway keeps serving.
 */
class GatewayIT {

    private static Path stateDir;
    private static AirlockEngine engine;
    private static String token;
    private static int port;

    @BeforeAll
    static void startEngine() throws Exception {
        TestImages.ensureBuilt();
        stateDir = Files.createTempDirectory("airlock-gateway-it");
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(TestCatalogs.everything())),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));
        ServerView view = engine.enable("everything");
        assertThat(view.state()).isEqualTo("running");
        token = engine.issueClientToken("gateway-it").bearerToken();
        port = engine.gateway().port();
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void officialJavaSdkClientInitializesListsToolsAndGetsAnEcho() {
        try (McpSyncClient client = McpClients.connect(engine.gateway().serverUrl("everything"), token)) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("mcp-servers/everything");

            List<String> tools = client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();
            assertThat(tools).contains("echo", "get-sum");

            McpSchema.CallToolResult result =
                    client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "through the airlock")));
            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                    .isEqualTo("Echo: through the airlock");
        }
    }

    @Test
    void serverContainerCarriesEveryHardeningSetting() {
        List<String> ids = DockerCli.containersWithLabel(Labels.SERVER, "everything").stream()
                .filter(id -> DockerCli.run("inspect", "-f", "{{index .Config.Labels \"dev.airlock.state-dir\"}}", id)
                        .equals(stateDir.toString()))
                .toList();
        assertThat(ids).hasSize(1);
        JsonNode inspect =
                Json.mapper().readTree(DockerCli.run("inspect", ids.getFirst())).get(0);
        JsonNode host = inspect.get("HostConfig");

        assertThat(host.get("CapDrop").toString()).contains("ALL");
        assertThat(host.get("CapAdd").isNull() || host.get("CapAdd").isEmpty()).isTrue();
        assertThat(host.get("SecurityOpt").toString()).contains("no-new-privileges:true");
        assertThat(host.get("ReadonlyRootfs").asBoolean()).isTrue();
        assertThat(host.get("Tmpfs").get("/tmp").asString())
                .contains("size=64m")
                .contains("noexec");
        assertThat(host.get("Memory").asLong()).isEqualTo(512L * 1024 * 1024);
        assertThat(host.get("MemorySwap").asLong()).isEqualTo(512L * 1024 * 1024);
        assertThat(host.get("NanoCpus").asLong()).isEqualTo(1_000_000_000L);
        assertThat(host.get("PidsLimit").asLong()).isEqualTo(256);
        assertThat(host.get("NetworkMode").asString()).isEqualTo("none");
        assertThat(host.get("Privileged").asBoolean()).isFalse();
        // the test image names no user, so Airlock runs it as nobody
        assertThat(inspect.get("Config").get("User").asString()).isEqualTo("65534:65534");
        JsonNode labels = inspect.get("Config").get("Labels");
        assertThat(labels.get(Labels.AIRLOCK).asString()).isEqualTo("true");
        assertThat(labels.get(Labels.SERVER).asString()).isEqualTo("everything");
        assertThat(labels.get(Labels.SERVER_NAME).asString()).isEqualTo("io.github.modelcontextprotocol/everything");
        assertThat(labels.get(Labels.INSTANCE).asString()).isNotBlank();
        // and the process inside really is not root, and cannot write outside /tmp
        String id = ids.getFirst();
        assertThat(inspect.get("State").get("Running").asBoolean()).isTrue();
        assertThat(DockerCli.run("top", id, "-o", "pid,uid")).contains("65534");
    }

    @Test
    void thirtyTwoConcurrentSessionsEachGetOnlyTheirOwnReplies() throws Exception {
        int sessions = 32;
        int calls = 200;
        try (var pool = Executors.newFixedThreadPool(sessions)) {
            var results = new ArrayList<Future<List<String>>>();
            for (int s = 0; s < sessions; s++) {
                int session = s;
                Callable<List<String>> work = () -> {
                    var mismatches = new ArrayList<String>();
                    try (McpSyncClient client =
                            McpClients.connect(engine.gateway().serverUrl("everything"), token)) {
                        client.initialize();
                        for (int c = 0; c < calls; c++) {
                            String payload = "session-%02d-call-%03d".formatted(session, c);
                            var result =
                                    client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", payload)));
                            String text =
                                    ((McpSchema.TextContent) result.content().getFirst()).text();
                            if (!text.equals("Echo: " + payload)) {
                                mismatches.add(payload + " -> " + text);
                            }
                        }
                    }
                    return mismatches;
                };
                results.add(pool.submit(work));
            }
            var mismatches = new ArrayList<String>();
            for (Future<List<String>> result : results) {
                mismatches.addAll(result.get());
            }
            assertThat(mismatches).isEmpty();
        }
    }

    // --- bad input: each refused clearly, and the gateway keeps serving ---------------------------------

    @Test
    void malformedJsonIsAParseError() throws Exception {
        var reply = post("/mcp/everything", authorized(), "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\":");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorCode(reply)).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(errorMessage(reply)).isEqualTo("The request body is not valid JSON.");
        assertStillServing();
    }

    @Test
    void batchIsRefusedWithAReason() throws Exception {
        String batch = "[" + initializeBody() + "," + initializeBody() + "]";
        var reply = post("/mcp/everything", authorized(), batch);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorCode(reply)).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThat(errorMessage(reply)).contains("batches are not supported");
        assertStillServing();
    }

    @Test
    void bodyOverTheFourMegabyteLimitIs413WithAJsonRpcError() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}}";
        var reply = post("/mcp/everything", authorized(), big);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(errorCode(reply)).isEqualTo(JsonRpc.LIMIT_EXCEEDED);
        assertThat(errorMessage(reply)).contains("limit of 4 MB");
        assertStillServing();
    }

    @Test
    void unknownServerIs404() throws Exception {
        var reply = post("/mcp/no-such-server", authorized(), initializeBody());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(errorMessage(reply)).contains("no server named 'no-such-server'");
        assertStillServing();
    }

    @Test
    void missingOrWrongTokenIs401() throws Exception {
        var headers = loopbackHeaders();
        var missing = post("/mcp/everything", headers, initializeBody());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(errorMessage(missing)).contains("token is required");

        headers.put("Authorization", "Bearer alk_not-a-real-token");
        var wrong = post("/mcp/everything", headers, initializeBody());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(errorMessage(wrong)).contains("not valid");
        assertStillServing();
    }

    @Test
    void foreignOriginOrHostIs403() throws Exception {
        var foreignOrigin = authorized();
        foreignOrigin.put("Origin", "http://evil.example");
        assertThat(post("/mcp/everything", foreignOrigin, initializeBody()).status())
                .isEqualTo(403);

        var foreignHost = authorized();
        foreignHost.put("Host", "evil.example:" + port);
        assertThat(post("/mcp/everything", foreignHost, initializeBody()).status())
                .isEqualTo(403);

        var lookalike = authorized();
        lookalike.put("Host", "127.0.0.1.evil.example:" + port);
        assertThat(post("/mcp/everything", lookalike, initializeBody()).status())
                .isEqualTo(403);

        // a local forwarder passes its own port on: still the loopback host, still served
        var forwarded = authorized();
        forwarded.put("Host", "localhost:1");
        forwarded.put("Origin", "http://localhost:1");
        assertThat(post("/mcp/everything", forwarded, initializeBody()).status())
                .isEqualTo(200);

        var ownOrigin = authorized();
        ownOrigin.put("Origin", "http://127.0.0.1:" + port);
        assertThat(post("/mcp/everything", ownOrigin, initializeBody()).status())
                .isEqualTo(200);
        assertStillServing();
    }

    @Test
    void requestWithoutSessionOrWithUnknownSessionIsRefused() throws Exception {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}";
        var noSession = post("/mcp/everything", authorized(), call);
        assertThat(noSession.status()).isEqualTo(400);
        assertThat(errorMessage(noSession)).contains("Mcp-Session-Id");

        var headers = authorized();
        headers.put("Mcp-Session-Id", "made-up");
        assertThat(post("/mcp/everything", headers, call).status()).isEqualTo(404);
        assertStillServing();
    }

    @Test
    void deleteEndsTheSession() throws Exception {
        String session = initialize();
        var headers = authorized();
        headers.put("Mcp-Session-Id", session);
        assertThat(RawHttp.send(port, "DELETE", "/mcp/everything", headers, null)
                        .status())
                .isEqualTo(204);
        var after = post("/mcp/everything", headers, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"}");
        assertThat(after.status()).isEqualTo(404);
    }

    @Test
    void aStatelessAppOf20260728DiscoversAndCallsARealServerWithoutASession() throws Exception {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"stateless-test\",\"version\":\"1\"}}";
        var headers = authorized();
        headers.put("MCP-Protocol-Version", "2026-07-28");
        headers.put("Mcp-Method", "server/discover");
        var discovered = post(
                "/mcp/everything",
                headers,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{" + meta + "}}");
        headers.put("Mcp-Method", "tools/call");
        headers.put("Mcp-Name", "echo");
        var echoed = post(
                "/mcp/everything",
                headers,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"arguments\":{\"message\":\"stateless\"}," + meta + "}}");

        assertThat(discovered.status()).isEqualTo(200);
        JsonNode discover = Json.mapper().readTree(discovered.body()).path("result");
        assertThat(discover.path("serverInfo").path("name").asString()).isEqualTo("mcp-servers/everything");
        assertThat(discover.path("supportedVersions").toString()).contains("2026-07-28");
        assertThat(echoed.status()).as(echoed.body()).isEqualTo(200);
        JsonNode result = Json.mapper().readTree(echoed.body()).path("result");
        assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("Echo: stateless");
        assertThat(result.path("resultType").asString()).isEqualTo("complete");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A full MCP exchange still works: the gateway was not harmed by what came before. */
    private static void assertStillServing() throws Exception {
        String session = initialize();
        var headers = authorized();
        headers.put("Mcp-Session-Id", session);
        var reply = post(
                "/mcp/everything",
                headers,
                "{\"jsonrpc\":\"2.0\",\"id\":\"still\",\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"alive\"}}}");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(reply.body());
        assertThat(body.path("id").asString()).isEqualTo("still");
        assertThat(body.path("result").path("content").get(0).path("text").asString())
                .isEqualTo("Echo: alive");
    }

    private static String initialize() throws Exception {
        var reply = post("/mcp/everything", authorized(), initializeBody());
        assertThat(reply.status()).isEqualTo(200);
        return reply.header("Mcp-Session-Id");
    }

    private static String initializeBody() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}";
    }

    private static Map<String, String> loopbackHeaders() {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        return headers;
    }

    private static Map<String, String> authorized() {
        var headers = loopbackHeaders();
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    private static RawHttp.Reply post(String path, Map<String, String> headers, String body) throws Exception {
        return RawHttp.send(port, "POST", path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static int errorCode(RawHttp.Reply reply) {
        return Json.mapper().readTree(reply.body()).path("error").path("code").asInt();
    }

    private static String errorMessage(RawHttp.Reply reply) {
        return Json.mapper()
                .readTree(reply.body())
                .path("error")
                .path("message")
                .asString();
    }
}
