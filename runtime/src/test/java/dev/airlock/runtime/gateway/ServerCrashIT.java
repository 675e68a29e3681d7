package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A server container that dies in the middle of a call, seen from the AI app's side of the gateway. */
class ServerCrashIT {

    @TempDir
    Path stateDir;

    private AirlockEngine engine;
    private String token;

    @BeforeEach
    void start() throws Exception {
        TestImages.ensureBuilt();
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(TestCatalogs.everything())),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));
        assertThat(engine.enable("everything").state()).isEqualTo("running");
        token = engine.issueClientToken("crash-it").bearerToken();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void pendingCallGetsAnErrorWithinTwoSecondsAndTheServerCanBeTurnedOnAgain() throws Exception {
        int port = engine.gateway().port();
        String session = initialize(port);
        var pending = CompletableFuture.supplyAsync(() -> post(
                port,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":\"doomed\",\"method\":\"tools/call\",\"params\":{"
                        + "\"name\":\"trigger-long-running-operation\",\"arguments\":{\"duration\":60,\"steps\":2}}}"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.serverManager().states().stream()
                        .anyMatch(e -> e.getValue() instanceof dev.airlock.runtime.server.ServerState.Running r
                                && r.connection().inFlightCount() == 1));
        String container = DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString())
                .getFirst();

        DockerCli.run("kill", container);
        // the issue's bound: the AI app hears of it within 2 seconds
        RawHttp.Reply reply = pending.get(2, TimeUnit.SECONDS);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(reply.body());
        assertThat(body.path("id").asString()).isEqualTo("doomed");
        assertThat(body.path("error").path("code").asInt()).isEqualTo(JsonRpc.SERVER_UNAVAILABLE);
        assertThat(body.path("error").path("message").asString())
                .contains("stopped before answering")
                .contains("Turn it on again");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> state("everything").state().equals("failed"));
        assertThat(state("everything").detail())
                .contains("stopped unexpectedly")
                .contains("exit code");
        // the dead container is not left behind
        await().atMost(Duration.ofSeconds(10))
                .until(() -> DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString())
                        .isEmpty());
        // the old session ended with its server
        assertThat(post(port, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                        .status())
                .isIn(404, 503);

        assertThat(engine.enable("everything").state()).isEqualTo("running");
        try (var client = McpClients.connect(engine.gateway().serverUrl("everything"), token)) {
            client.initialize();
            var result = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "back again")));
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                    .isEqualTo("Echo: back again");
        }
    }

    private ServerView state(String name) {
        return engine.servers().stream()
                .filter(s -> s.shortName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private String initialize(int port) {
        var reply = post(
                port,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"crash-test\",\"version\":\"1\"}}}");
        assertThat(reply.status()).isEqualTo(200);
        return reply.header("Mcp-Session-Id");
    }

    private RawHttp.Reply post(int port, String session, String body) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
        }
        try {
            return RawHttp.send(port, "POST", "/mcp/everything", headers, body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
