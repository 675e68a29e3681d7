package dev.airlock.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.EverythingOnHost;
import dev.airlock.runtime.testing.TestCatalogs;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference "everything" server as a remote server (in its Streamable HTTP and its older
 * HTTP+SSE mode), reached through the real gateway by the official MCP Java SDK's client, per server
 * and through the aggregate: the same as a container server to the AI app. Its policy says
 * {@code "token": "none"}: it is a public server, and no one is signed in.
 */
class RemoteEverythingIT {

    private static final ServerPolicy PUBLIC = TestCatalogs.withIdentity(ServerPolicy.Identity.NONE);

    @TempDir
    Path stateDir;

    private EverythingOnHost server;
    private AirlockEngine engine;

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(EverythingOnHost.Mode.class)
    void aRemoteServerListsCallsAndReportsProgressPerServerAndInTheAggregate(EverythingOnHost.Mode mode)
            throws Exception {
        server = EverythingOnHost.start(mode);
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(server.entry("weather", PUBLIC))),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));

        assertThat(engine.enable("weather").state()).isEqualTo("running");
        String token = engine.issueClientToken("remote-it").bearerToken();

        var progress = new CopyOnWriteArrayList<McpSchema.ProgressNotification>();
        try (McpSyncClient client = client(engine.gateway().baseUrl() + "/mcp/weather", token, progress)) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("echo", "trigger-long-running-operation");

            var echo = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "over the network")));
            assertThat(((McpSchema.TextContent) echo.content().getFirst()).text())
                    .isEqualTo("Echo: over the network");

            var longCall = client.callTool(new McpSchema.CallToolRequest(
                    "trigger-long-running-operation",
                    Map.of("duration", 1, "steps", 3),
                    Map.of("progressToken", "remote-progress")));
            assertThat(longCall.isError()).isNotEqualTo(Boolean.TRUE);
            // the SDK hands progress to its consumer on another thread: the last may come just after the result
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.size() >= 3);
            assertThat(progress)
                    .extracting(p -> p.progressToken().toString())
                    .containsExactly("remote-progress", "remote-progress", "remote-progress");
            assertThat(progress)
                    .extracting(McpSchema.ProgressNotification::progress)
                    .containsExactly(1.0, 2.0, 3.0);
        }

        progress.clear();
        try (McpSyncClient client = client(engine.gateway().baseUrl() + "/mcp", token, progress)) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("weather.echo", "weather.trigger-long-running-operation");
            var echo = client.callTool(new McpSchema.CallToolRequest("weather.echo", Map.of("message", "aggregated")));
            assertThat(((McpSchema.TextContent) echo.content().getFirst()).text())
                    .isEqualTo("Echo: aggregated");
            client.callTool(new McpSchema.CallToolRequest(
                    "weather.trigger-long-running-operation",
                    Map.of("duration", 1, "steps", 2),
                    Map.of("progressToken", 7)));
            await().atMost(Duration.ofSeconds(30)).until(() -> progress.size() >= 2);
            assertThat(progress)
                    .extracting(McpSchema.ProgressNotification::progress)
                    .containsExactly(1.0, 2.0);
        }

        List<ActivityView> calls = engine.activity(20, "weather");
        assertThat(calls).extracting(ActivityView::target).contains("echo", "trigger-long-running-operation");
    }

    static McpSyncClient client(String endpointUrl, String token, List<McpSchema.ProgressNotification> progress) {
        URI url = URI.create(endpointUrl);
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .progressConsumer(progress::add)
                .build();
    }
}
