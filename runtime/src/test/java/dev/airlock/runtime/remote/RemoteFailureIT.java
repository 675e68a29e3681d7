package dev.airlock.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.RemoteEndpoint;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.EverythingOnHost;
import dev.airlock.runtime.testing.TestCatalogs;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A remote server that cannot be reached, and one that dies while a call waits for it. */
class RemoteFailureIT {

    private static final ServerPolicy PUBLIC = TestCatalogs.withIdentity(ServerPolicy.Identity.NONE);

    @TempDir
    Path stateDir;

    private AirlockEngine engine;
    private EverythingOnHost server;

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
    @EnumSource(RemoteEndpoint.Transport.class)
    void anUnreachableServerFailsWithAReasonForPeople(RemoteEndpoint.Transport transport) throws Exception {
        int port = EverythingOnHost.freePort(); // nothing listens there
        var entry = new CatalogEntry(
                "io.example/weather",
                "weather",
                "Weather",
                "A remote server",
                "1.0.0",
                Optional.empty(),
                List.of(new RemoteEndpoint(transport, "http://127.0.0.1:" + port + "/mcp")),
                PUBLIC,
                Optional.empty(),
                Availability.available());
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(entry)), StateDirectory.at(stateDir).create(), 0, System.getenv()));

        ServerState state = engine.serverManager().enable("weather");

        assertThat(state)
                .isEqualTo(new ServerState.Failed("Airlock could not reach the Weather server at 127.0.0.1:" + port
                        + ": connection refused. Check your network or ask IT."));
        assertThat(engine.status().servers())
                .anySatisfy(view -> assertThat(view.state()).isEqualTo("failed"));
    }

    @ParameterizedTest
    @EnumSource(EverythingOnHost.Mode.class)
    void aServerThatDiesWithNoCallWaitingShowsAsFailedSoon(EverythingOnHost.Mode mode) throws Exception {
        server = EverythingOnHost.start(mode);
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(server.entry("everything", PUBLIC))),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));
        assertThat(engine.enable("everything").state()).isEqualTo("running");

        server.kill();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> engine.serverManager().state("everything").orElseThrow() instanceof ServerState.Failed);
        assertThat(engine.serverManager().state("everything").orElseThrow().detail())
                .startsWith("The connection to the Everything server at 127.0.0.1:" + server.port() + " was lost (");
    }

    @ParameterizedTest
    @EnumSource(EverythingOnHost.Mode.class)
    void aServerThatDiesMidCallAnswersTheWaitingCallWithAnErrorAndShowsAsFailed(EverythingOnHost.Mode mode)
            throws Exception {
        server = EverythingOnHost.start(mode);
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(server.entry("everything", PUBLIC))),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));
        assertThat(engine.enable("everything").state()).isEqualTo("running");
        String token = engine.issueClientToken("failure-it").bearerToken();

        var progress = new CopyOnWriteArrayList<McpSchema.ProgressNotification>();
        try (McpSyncClient client =
                RemoteEverythingIT.client(engine.gateway().baseUrl() + "/mcp/everything", token, progress)) {
            client.initialize();
            // a call of 25 seconds (the client waits up to 30): the server dies after its first step
            // on a thread of its own: the SDK delivers progress on the common pool, which has one thread on a small
            // machine
            var call = new CompletableFuture<McpSchema.CallToolResult>();
            Thread.ofVirtual().start(() -> {
                try {
                    call.complete(client.callTool(new McpSchema.CallToolRequest(
                            "trigger-long-running-operation",
                            Map.of("duration", 25, "steps", 25),
                            Map.of("progressToken", "dying"))));
                } catch (RuntimeException e) {
                    call.completeExceptionally(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> !progress.isEmpty());

            server.kill();

            try {
                McpSchema.CallToolResult result = call.get(20, TimeUnit.SECONDS);
                throw new AssertionError("The call should have failed, but returned " + result);
            } catch (ExecutionException e) {
                assertThat(e.getCause())
                        .isInstanceOf(McpError.class)
                        .hasMessageContaining("The server 'everything' stopped before answering")
                        .hasMessageContaining("127.0.0.1:" + server.port());
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> engine.serverManager().state("everything").orElseThrow() instanceof ServerState.Failed);
        assertThat(engine.serverManager().state("everything").orElseThrow().detail())
                .startsWith("The connection to the Everything server at 127.0.0.1:" + server.port() + " was lost (")
                .endsWith("Turn it on again to reconnect; if it keeps happening, check your network or ask IT.");
    }
}
