package dev.airlock.runtime.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an employee sees of their agent's calls: a real MCP client calls the reference server in its
 * container through the gateway, and the engine's activity feed shows each call, live and afterwards.
 */
class ActivityIT {

    private static final String APP = "activity-it-app";
    private static final String TOKEN_NAME = "activity-it-token";
    private static final String LONG_TOOL = "trigger-long-running-operation";

    @TempDir
    Path stateDir;

    private AirlockEngine engine;
    private String token;
    private final List<ActivityView> heard = new CopyOnWriteArrayList<>();
    private AutoCloseable subscription;

    @BeforeEach
    void start() throws Exception {
        TestImages.ensureBuilt();
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(TestCatalogs.everything())),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));
        assertThat(engine.enable("everything").state()).isEqualTo("running");
        token = engine.issueClientToken(TOKEN_NAME).bearerToken();
        subscription = engine.activityFeed().subscribe(heard::add);
    }

    @AfterEach
    void stop() throws Exception {
        subscription.close();
        engine.close();
    }

    @Test
    void eachCallShowsTheAppServerToolOutcomeAndDurationNewestFirst() throws Exception {
        Instant before = Instant.now();
        try (McpSyncClient client = McpClients.connect(engine.gateway().serverUrl("everything"), token, APP)) {
            client.initialize();
            var echo = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "what the agent did")));
            assertThat(((McpSchema.TextContent) echo.content().getFirst()).text())
                    .isEqualTo("Echo: what the agent did");
            boolean unknownFailed;
            try {
                unknownFailed =
                        Boolean.TRUE.equals(client.callTool(new McpSchema.CallToolRequest("no-such-tool", Map.of()))
                                .isError());
            } catch (RuntimeException e) { // an SDK reports a JSON-RPC error as an exception
                unknownFailed = true;
            }
            assertThat(unknownFailed).isTrue();
            client.callTool(new McpSchema.CallToolRequest(LONG_TOOL, Map.of("duration", 1, "steps", 1)));
        }

        // the client has its answer a moment before the gateway has recorded it
        await().atMost(Duration.ofSeconds(10)).until(() -> calls().size() == 4);
        List<ActivityView> calls = calls();
        assertThat(calls)
                .extracting(ActivityView::method, ActivityView::target, ActivityView::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tools/call", LONG_TOOL, "ok"),
                        // refused by the tool guard: the server does not list it (ADR 0023)
                        org.assertj.core.groups.Tuple.tuple("tools/call", "no-such-tool", "blocked"),
                        org.assertj.core.groups.Tuple.tuple("tools/call", "echo", "ok"),
                        org.assertj.core.groups.Tuple.tuple("initialize", null, "ok"));
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.clientApp()).isEqualTo(APP);
            assertThat(call.client()).isEqualTo(TOKEN_NAME);
            assertThat(call.server()).isEqualTo("everything");
            assertThat(Instant.parse(call.at())).isBetween(before, Instant.now());
            assertThat(call.findings()).isEmpty();
        });
        ActivityView longOperation = calls.get(0);
        ActivityView unknown = calls.get(1);
        ActivityView echo = calls.get(2);
        assertThat(longOperation.durationMs()).as("the tool ran for a second").isBetween(1_000L, 20_000L);
        assertThat(echo.durationMs()).isBetween(0L, 10_000L);
        assertThat(Json.mapper()
                        .readTree(echo.request())
                        .path("arguments")
                        .path("message")
                        .asString())
                .isEqualTo("what the agent did");
        assertThat(echo.response()).contains("Echo: what the agent did");
        assertThat(unknown.response()).containsIgnoringCase("no-such-tool");
        assertThat(calls.get(3).request()).contains(APP);
        assertThat(calls).extracting(ActivityView::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        // the same calls reached the live subscriber, as they ended
        assertThat(heard.stream().filter(ActivityIT::shown).toList()).isEqualTo(calls.reversed());

        // asked for by the full name, and limited
        assertThat(engine.activity(2, "io.github.modelcontextprotocol/everything").stream()
                        .filter(ActivityIT::shown)
                        .findFirst())
                .contains(longOperation);
        assertThatThrownBy(() -> engine.activity(10, "nope"))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
        assertThatThrownBy(() -> engine.activity(0, null))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
        assertThatThrownBy(() -> engine.activity(10_001, null))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    }

    @Test
    void aCallAbandonedBecauseTheContainerWasKilledIsFailed() throws Exception {
        try (McpSyncClient client = McpClients.connect(engine.gateway().serverUrl("everything"), token, APP)) {
            client.initialize();
            var pending = CompletableFuture.runAsync(() ->
                    client.callTool(new McpSchema.CallToolRequest(LONG_TOOL, Map.of("duration", 60, "steps", 2))));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.serverManager().states().stream()
                            .anyMatch(e -> e.getValue() instanceof ServerState.Running r
                                    && r.connection().inFlightCount() == 1));

            DockerCli.run(
                    "kill",
                    DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString())
                            .getFirst());

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> heard.stream().anyMatch(call -> LONG_TOOL.equals(call.target())));
            ActivityView call = heard.stream()
                    .filter(c -> LONG_TOOL.equals(c.target()))
                    .findFirst()
                    .orElseThrow();
            assertThat(call.outcome()).isEqualTo("failed");
            assertThat(call.clientApp()).isEqualTo(APP);
            assertThat(call.server()).isEqualTo("everything");
            assertThat(call.durationMs()).isBetween(0L, 30_000L);
            assertThat(call.response()).contains("stopped before answering");
            assertThat(engine.activity(1, "everything")).containsExactly(call);
            assertThat(pending).failsWithin(Duration.ofSeconds(10));
        }
    }

    /** The calls this test made; an SDK may list tools on its own before calling one. */
    private List<ActivityView> calls() throws ControlException {
        return engine.activity(100, "everything").stream()
                .filter(ActivityIT::shown)
                .toList();
    }

    private static boolean shown(ActivityView call) {
        return !call.method().equals("tools/list");
    }
}
