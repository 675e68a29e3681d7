package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /mcp} with two real server containers behind it (the reference "everything" server, twice,
 * as {@code everything} and {@code second}), reached by the official MCP Java SDK's client.
 */
class GatewayAggregateIT {

    @TempDir
    Path stateDir;

    private AirlockEngine engine;
    private String token;

    @BeforeEach
    void start() throws Exception {
        TestImages.ensureBuilt();
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(
                        TestCatalogs.everything(),
                        TestCatalogs.oci("io.example/second", "second", TestImages.EVERYTHING, ServerPolicy.DEFAULT))),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));
        assertThat(engine.enable("everything").state()).isEqualTo("running");
        assertThat(engine.enable("second").state()).isEqualTo("running");
        token = engine.issueClientToken("aggregate-it").bearerToken();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void officialJavaSdkClientSeesBothServersToolsAndCallsOneOfThem() throws Exception {
        try (McpSyncClient client = McpClients.connect(engine.gateway().baseUrl() + "/mcp", token)) {
            assertThat(client.initialize().serverInfo().name()).isEqualTo("airlock");

            List<String> tools = toolNames(client);
            assertThat(tools).contains("everything.echo", "second.echo", "everything.get-sum", "second.get-sum");
            assertThat(tools).allMatch(name -> name.startsWith("everything.") || name.startsWith("second."));

            McpSchema.CallToolResult result =
                    client.callTool(new McpSchema.CallToolRequest("second.echo", Map.of("message", "to the second")));
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                    .isEqualTo("Echo: to the second");
        }
        List<ActivityView> calls = engine.activity(10, "second");
        assertThat(calls).extracting(ActivityView::method).contains("tools/call");
        assertThat(calls).extracting(ActivityView::target).contains("echo");
    }

    @Test
    void aServerTurnedOffIsAnnouncedAndItsToolsLeaveTheList() throws Exception {
        try (McpSyncClient client = McpClients.connect(engine.gateway().baseUrl() + "/mcp", token)) {
            client.initialize();
            assertThat(toolNames(client)).contains("second.echo");
            // a stream of its own on a session of /mcp: open once GET has answered, so nothing is missed
            String session = rawSession();
            HttpResponse<Stream<String>> stream = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(engine.gateway().baseUrl() + "/mcp"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Mcp-Session-Id", session)
                                    .header("Accept", "text/event-stream")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            var announced = CompletableFuture.supplyAsync(() -> stream.body()
                    .filter(line -> line.startsWith("data: "))
                    .map(line -> Json.mapper().readTree(line.substring("data: ".length())))
                    .filter(message -> "notifications/tools/list_changed"
                            .equals(message.path("method").asString(null)))
                    .findFirst()
                    .orElseThrow());

            assertThat(engine.disable("second").state()).isEqualTo("off");

            JsonNode changed = announced.get(30, TimeUnit.SECONDS);
            assertThat(changed.has("id")).isFalse();
            stream.body().close();
            List<String> tools = toolNames(client);
            assertThat(tools).contains("everything.echo").noneMatch(name -> name.startsWith("second."));
            McpSchema.CallToolResult stillServed =
                    client.callTool(new McpSchema.CallToolRequest("everything.echo", Map.of("message", "still here")));
            assertThat(((McpSchema.TextContent) stillServed.content().getFirst()).text())
                    .isEqualTo("Echo: still here");
        }
    }

    private static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    /** A session of /mcp opened with a plain HTTP request, to hold its GET stream in the test's hands. */
    private String rawSession() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(engine.gateway().baseUrl() + "/mcp"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                                                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                                + "\"clientInfo\":{\"name\":\"aggregate-it\",\"version\":\"1\"}}}",
                                        StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        return reply.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }
}
