package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.container.EngineConnection;
import dev.airlock.runtime.container.InstanceIdentity;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerManager;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.RawHttp;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server that never answers its calls ({@code local/mcp-stuck:test}, from dev/images/stuck) beside
 * server-everything, both in real containers: the stuck server's calls do not delay anyone else's,
 * and each ends with the gateway's JSON-RPC error once the server has been silent past the quiet
 * limit, cancelled at the server.
 */
class StuckServerIT {

    private static final String STUCK_IMAGE = "local/mcp-stuck:test";
    /**
     * Long enough that the echo calls made meanwhile surely finish first on a loaded machine, short
     * enough for a test.
     */
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path stateDir;

    private EngineConnection engines;
    private ServerManager servers;
    private Gateway gateway;
    private String token;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void start() throws Exception {
        TestImages.ensureBuilt();
        var dir = StateDirectory.at(stateDir).create();
        engines = new EngineConnection(System.getenv(), InstanceIdentity.newInstance(dir.root()));
        servers = new ServerManager(
                new Catalog(List.of(
                        TestCatalogs.everything(),
                        TestCatalogs.oci("dev.airlock.test/stuck", "stuck", STUCK_IMAGE, ServerPolicy.DEFAULT))),
                engines,
                dir,
                Duration.ofSeconds(60),
                EngineOptions.DEFAULT_NPM_BUILD);
        var tokens = new ClientTokens(dir.clientTokens());
        token = tokens.issue("stuck-it");
        gateway = new Gateway(
                GatewaySettings.onPort(0).withCallQuietLimit(QUIET_LIMIT),
                ServerRoutes.of(servers),
                tokens,
                new ActivityLog());
        servers.onNotification(gateway::broadcast);
        gateway.start();
        assertThat(servers.enable("everything")).isInstanceOf(ServerState.Running.class);
        assertThat(servers.enable("stuck")).isInstanceOf(ServerState.Running.class);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (gateway != null) {
            gateway.close();
        }
        if (servers != null) {
            servers.close();
        }
        if (engines != null) {
            engines.close();
        }
    }

    @Test
    void stuckCallsHoldUpNobodyElseAndEndWithTheQuietLimitError() throws Exception {
        String first = initialize("stuck");
        String second = initialize("stuck");
        var stuckCalls = new ArrayList<CompletableFuture<RawHttp.Reply>>();
        stuckCalls.add(callLater("stuck", first, "\"a-1\""));
        stuckCalls.add(callLater("stuck", first, "\"a-2\""));
        stuckCalls.add(callLater("stuck", second, "1"));
        ServerConnection stuck = connection("stuck");
        await().atMost(Duration.ofSeconds(30)).until(() -> stuck.inFlightCount() == 3);

        // meanwhile another server's calls, in a session of their own, go through
        String other = initialize("everything");
        for (int i = 1; i <= 3; i++) {
            RawHttp.Reply echo = post(
                    "everything",
                    other,
                    "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"still here %d\"}}}"
                            .formatted(i, i));
            assertThat(echo.status()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(echo.body());
            assertThat(body.path("id").asInt()).isEqualTo(i);
            assertThat(body.path("result").path("content").get(0).path("text").asString())
                    .isEqualTo("Echo: still here " + i);
        }
        // ... while every stuck call is still waiting
        assertThat(stuckCalls).noneMatch(CompletableFuture::isDone);
        assertThat(stuck.inFlightCount()).isEqualTo(3);

        List<String> ids = List.of("\"a-1\"", "\"a-2\"", "1");
        for (int i = 0; i < stuckCalls.size(); i++) {
            RawHttp.Reply reply = stuckCalls.get(i).get(QUIET_LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(reply.body());
            assertThat(body.path("id").toString()).isEqualTo(ids.get(i));
            assertThat(body.path("error").path("code").asInt()).isEqualTo(JsonRpc.LIMIT_EXCEEDED);
            assertThat(body.path("error").path("message").asString())
                    .contains("The server 'stuck' did not answer within 15 seconds")
                    .contains("cancelled the call");
        }
        // the gateway forgot them and told the server, which noted each cancellation
        await().atMost(Duration.ofSeconds(10)).until(() -> stuck.inFlightCount() == 0);
        String stuckContainer = DockerCli.runningServer(stateDir, "stuck");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> DockerCli.run("logs", stuckContainer).contains("still waiting: 0"));
        assertThat(DockerCli.run("logs", stuckContainer).lines().filter(line -> line.startsWith("cancelled ")))
                .hasSize(3);

        // and the gateway keeps serving: the stuck server's other methods, its sessions, everything
        RawHttp.Reply tools = post("stuck", first, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        assertThat(tools.status()).isEqualTo(200);
        assertThat(Json.mapper()
                        .readTree(tools.body())
                        .path("result")
                        .path("tools")
                        .get(0)
                        .path("name")
                        .asString())
                .isEqualTo("wait");
        RawHttp.Reply ping = post("stuck", second, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertThat(Json.mapper().readTree(ping.body()).has("result")).isTrue();
        RawHttp.Reply echo = post(
                "everything",
                other,
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"after\"}}}");
        assertThat(Json.mapper()
                        .readTree(echo.body())
                        .path("result")
                        .path("content")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("Echo: after");
    }

    private CompletableFuture<RawHttp.Reply> callLater(String server, String session, String id) {
        String body =
                "{\"jsonrpc\":\"2.0\",\"id\":%s,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\",\"arguments\":{}}}"
                        .formatted(id);
        return CompletableFuture.supplyAsync(() -> post(server, session, body), callers);
    }

    private ServerConnection connection(String server) {
        return ((ServerState.Running) servers.state(server).orElseThrow()).connection();
    }

    private String initialize(String server) {
        RawHttp.Reply reply = post(
                server,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"stuck-test\",\"version\":\"1\"}}}");
        assertThat(reply.status()).isEqualTo(200);
        return reply.header("Mcp-Session-Id");
    }

    private RawHttp.Reply post(String server, String session, String body) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + gateway.port());
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
        }
        try {
            return RawHttp.send(
                    gateway.port(), "POST", "/mcp/" + server, headers, body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
