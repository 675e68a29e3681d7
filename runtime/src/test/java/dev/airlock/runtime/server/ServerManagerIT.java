package dev.airlock.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.container.EngineConnection;
import dev.airlock.runtime.container.InstanceIdentity;
import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ServerManagerIT {

    @TempDir
    Path stateDir;

    private EngineConnection engines;
    private ServerManager manager;

    @BeforeAll
    static void images() {
        TestImages.ensureBuilt();
    }

    @BeforeEach
    void start() {
        var dir = StateDirectory.at(stateDir).create();
        engines = new EngineConnection(System.getenv(), InstanceIdentity.newInstance(dir.root()));
        manager = new ServerManager(
                new Catalog(List.of(TestCatalogs.everything())),
                engines,
                dir,
                Duration.ofSeconds(60),
                EngineOptions.DEFAULT_NPM_BUILD);
    }

    @AfterEach
    void stop() {
        manager.close();
        engines.close();
    }

    @Test
    void enabledServerAnswersThroughItsConnectionAndDisableRemovesItsContainer() throws Exception {
        ServerState state = manager.enable("everything");

        assertThat(state).isInstanceOf(ServerState.Running.class);
        ServerConnection connection = ((ServerState.Running) state).connection();
        assertThat(connection.initializeResult().path("serverInfo").path("name").asString())
                .isEqualTo("mcp-servers/everything");

        ObjectNode reply = call(connection, "echo", "hello from the test").get(30, TimeUnit.SECONDS);
        assertThat(reply.path("id").asString()).isEqualTo("client-id-7");
        assertThat(reply.path("result").path("content").get(0).path("text").asString())
                .isEqualTo("Echo: hello from the test");

        String instance = engines.identity().instanceId();
        assertThat(DockerCli.containersWithLabel(Labels.INSTANCE, instance)).hasSize(1);

        assertThat(manager.disable("everything")).isInstanceOf(ServerState.Off.class);
        assertThat(DockerCli.containersWithLabel(Labels.INSTANCE, instance)).isEmpty();
    }

    @Test
    void containerKilledMidCallFailsThePendingCallAndTheServerCanBeEnabledAgain() throws Exception {
        var connection = ((ServerState.Running) manager.enable("everything")).connection();
        String id = DockerCli.containersWithLabel(
                        Labels.INSTANCE, engines.identity().instanceId())
                .getFirst();
        // a long call that is still running when the container dies
        ObjectNode params = JsonRpc.object();
        params.put("name", "trigger-long-running-operation");
        params.putObject("arguments").put("duration", 30).put("steps", 5);
        var pending = new CompletableFuture<ObjectNode>();
        connection.send(JsonRpc.request("slow", "tools/call", params), collector(pending));

        DockerCli.run("kill", id);

        ObjectNode reply = pending.get(2, TimeUnit.SECONDS);
        assertThat(reply.path("id").asString()).isEqualTo("slow");
        assertThat(reply.path("error").path("code").asInt()).isEqualTo(JsonRpc.SERVER_UNAVAILABLE);
        assertThat(reply.path("error").path("message").asString()).contains("stopped before answering");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> manager.state("everything").orElseThrow() instanceof ServerState.Failed);
        assertThat(manager.state("everything").orElseThrow().detail()).contains("stopped unexpectedly");

        assertThat(manager.enable("everything")).isInstanceOf(ServerState.Running.class);
    }

    @Test
    void serverThatNeverAnswersInitializeFailsAfterTheTimeoutWithAClearReason() throws Exception {
        String silent = TestImages.derived("silent", "[\"/usr/bin/node\",\"-e\",\"setInterval(() => {}, 1000)\"]");
        var entry = TestCatalogs.oci("io.example/silent", "silent", silent, ServerPolicy.DEFAULT);
        try (var quick = new ServerManager(
                new Catalog(List.of(entry)),
                engines,
                StateDirectory.at(stateDir),
                Duration.ofSeconds(2),
                EngineOptions.DEFAULT_NPM_BUILD)) {
            ServerState state = quick.enable("silent");

            assertThat(state).isInstanceOf(ServerState.Failed.class);
            assertThat(state.detail()).startsWith("silent could not start: it did not answer within 2 seconds.");
            assertThat(DockerCli.containersWithLabel(
                            Labels.INSTANCE, engines.identity().instanceId()))
                    .isEmpty();
        }
    }

    @Test
    void serverThatExitsBeforeItIsReadySaysHowItEndedAndWhatItLastSaid() throws Exception {
        String crashing = TestImages.derived(
                "crashing", "[\"/usr/bin/node\",\"-e\",\"console.error('missing API key'); process.exit(3)\"]");
        var entry = TestCatalogs.oci("io.example/crashing", "crashing", crashing, ServerPolicy.DEFAULT);
        try (var manager = new ServerManager(
                new Catalog(List.of(entry)),
                engines,
                StateDirectory.at(stateDir),
                Duration.ofSeconds(30),
                EngineOptions.DEFAULT_NPM_BUILD)) {
            ServerState state = manager.enable("crashing");

            assertThat(state).isInstanceOf(ServerState.Failed.class);
            assertThat(state.detail())
                    .contains("it stopped with exit code 3")
                    .contains("Its last message was: missing API key")
                    .contains(stateDir.resolve("logs/server-crashing.log").toString());
            // the waiting calls learn of the exit first, then the container is removed
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(DockerCli.containersWithLabel(
                                    Labels.INSTANCE, engines.identity().instanceId()))
                            .isEmpty());
        }
    }

    @Test
    void serverStderrIsKeptInItsOwnLog() throws Exception {
        manager.enable("everything");

        Path log = stateDir.resolve("logs/server-everything.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log) && Files.size(log) > 0);
        assertThat(Files.readString(log)).contains("Starting default (STDIO) server");
    }

    private static CompletableFuture<ObjectNode> call(ServerConnection connection, String tool, String message) {
        ObjectNode params = JsonRpc.object();
        params.put("name", tool);
        params.putObject("arguments").put("message", message);
        var reply = new CompletableFuture<ObjectNode>();
        connection.send(JsonRpc.request("client-id-7", "tools/call", params), collector(reply));
        return reply;
    }

    private static ServerConnection.Exchange collector(CompletableFuture<ObjectNode> reply) {
        return new ServerConnection.Exchange() {
            @Override
            public void onRelated(ObjectNode message) {}

            @Override
            public void onResponse(ObjectNode response) {
                reply.complete(response);
            }
        };
    }
}
