package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests from a real server (server-everything's sampling and elicitation tools) reach the AI-app
 * session whose call caused them, through real MCP Java SDK clients, and their answers come back to
 * the server; when Airlock cannot tell whose they are, the server gets an error and nobody is asked.
 */
class GatewayServerRequestsIT {

    private static AirlockEngine engine;
    private static String token;

    private final List<McpSyncClient> clients = new ArrayList<>();
    // not the common pool: on two cores it has one thread, which the SDK also needs to read answers
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void startEngine() throws Exception {
        TestImages.ensureBuilt();
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(
                        TestCatalogs.everything(),
                        TestCatalogs.oci("io.example/second", "second", TestImages.EVERYTHING, ServerPolicy.DEFAULT))),
                StateDirectory.at(Files.createTempDirectory("airlock-server-requests-it"))
                        .create(),
                0,
                System.getenv()));
        assertThat(engine.enable("everything").state()).isEqualTo("running");
        assertThat(engine.enable("second").state()).isEqualTo("running");
        token = engine.issueClientToken("server-requests-it").bearerToken();
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
        callers.shutdownNow();
    }

    /** An AI app whose sampling and elicitation handlers answer with its own name, and count their calls. */
    private final class App {
        final String name;
        final AtomicInteger asked = new AtomicInteger();
        final ConcurrentLinkedQueue<Object> progress = new ConcurrentLinkedQueue<>();
        final McpSyncClient client;

        App(String name, String url, boolean declaresFeatures) {
            this.name = name;
            var spec = McpClients.builder(url, token).progressConsumer(progress::add);
            if (declaresFeatures) {
                spec.capabilities(McpSchema.ClientCapabilities.builder()
                                .sampling()
                                .elicitation()
                                .build())
                        .sampling(request -> {
                            asked.incrementAndGet();
                            return McpSchema.CreateMessageResult.builder()
                                    .role(McpSchema.Role.ASSISTANT)
                                    .content(new McpSchema.TextContent(answer()))
                                    .model("test-model")
                                    .stopReason(McpSchema.CreateMessageResult.StopReason.END_TURN)
                                    .build();
                        })
                        .elicitation(request -> {
                            asked.incrementAndGet();
                            return new McpSchema.ElicitResult(
                                    McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", answer()));
                        });
            }
            client = spec.build();
            clients.add(client);
            client.initialize();
        }

        String answer() {
            return "answer from " + name;
        }

        String call(String tool, Map<String, Object> arguments) {
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name(tool)
                    .arguments(arguments)
                    .build());
            String text = ((McpSchema.TextContent) result.content().getLast()).text();
            return Boolean.TRUE.equals(result.isError()) ? "ERROR: " + text : text;
        }

        /** Several overlapping calls of this app at once, half sampling and half elicitation. */
        List<String> overlappingCalls(String prefix, int count) throws Exception {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                boolean sampling = i % 2 == 0;
                calls.add(CompletableFuture.supplyAsync(
                        () -> sampling
                                ? call(prefix + "trigger-sampling-request", Map.of("prompt", "hello", "maxTokens", 10))
                                : call(prefix + "trigger-elicitation-request", Map.of()),
                        callers));
            }
            List<String> answers = new ArrayList<>();
            for (var call : calls) {
                answers.add(call.get(60, TimeUnit.SECONDS));
            }
            return answers;
        }
    }

    @Test
    void samplingAndElicitationReachTheSessionThatCausedThemAndTheAnswerComesBack() throws Exception {
        String url = engine.gateway().serverUrl("everything");
        var a = new App("A", url, true);
        var b = new App("B", url, true);

        // interleaved: both sessions stay open, each takes its turn with overlapping calls of its own
        for (int round = 0; round < 3; round++) {
            for (App app : List.of(a, b)) {
                List<String> answers = app.overlappingCalls("", 4);
                assertThat(answers)
                        .allSatisfy(text ->
                                assertThat(text).doesNotStartWith("ERROR").contains(app.answer()));
            }
        }
        assertThat(a.asked).hasValue(12);
        assertThat(b.asked).hasValue(12);
    }

    @Test
    void throughTheAggregateEachServersRequestReachesTheSessionThatCalledIt() throws Exception {
        String url = engine.gateway().baseUrl() + "/mcp";
        var a = new App("A", url, true);
        var b = new App("B", url, true);

        for (App app : List.of(a, b, a)) {
            // two servers behind /mcp ask the same session at once: their requests do not collide
            var first = app.overlappingCalls("everything.", 2);
            var second = app.overlappingCalls("second.", 2);
            assertThat(first)
                    .allSatisfy(
                            text -> assertThat(text).doesNotStartWith("ERROR").contains(app.answer()));
            assertThat(second)
                    .allSatisfy(
                            text -> assertThat(text).doesNotStartWith("ERROR").contains(app.answer()));
        }
        List<CompletableFuture<String>> both = List.of(
                CompletableFuture.supplyAsync(
                        () -> a.call("everything.trigger-sampling-request", Map.of("prompt", "x", "maxTokens", 5)),
                        callers),
                CompletableFuture.supplyAsync(() -> a.call("second.trigger-elicitation-request", Map.of()), callers));
        for (var call : both) {
            assertThat(call.get(60, TimeUnit.SECONDS)).doesNotStartWith("ERROR").contains(a.answer());
        }
        assertThat(a.asked).hasValue(10);
        assertThat(b.asked).hasValue(4);
    }

    @Test
    void whenTwoSessionsAreWaitingNobodyIsAskedAndTheServerHearsWhy() throws Exception {
        String url = engine.gateway().serverUrl("everything");
        var a = new App("A", url, true);
        var b = new App("B", url, true);

        var longCall = CompletableFuture.supplyAsync(
                () -> {
                    McpSchema.CallToolResult result = a.client.callTool(McpSchema.CallToolRequest.builder()
                            .name("trigger-long-running-operation")
                            .arguments(Map.of("duration", 8, "steps", 4))
                            .progressToken("a-long")
                            .build());
                    return ((McpSchema.TextContent) result.content().getLast()).text();
                },
                callers);
        // A's call is at the server once its first progress report arrived
        await().atMost(Duration.ofSeconds(30)).until(() -> !a.progress.isEmpty());

        String answer = b.call("trigger-sampling-request", Map.of("prompt", "whose?", "maxTokens", 5));

        assertThat(answer).startsWith("ERROR").contains("could not tell which AI app");
        assertThat(longCall.get(60, TimeUnit.SECONDS)).contains("Long running operation completed");
        assertThat(a.asked).hasValue(0);
        assertThat(b.asked).hasValue(0);
    }

    @Test
    void anAppThatDidNotDeclareSamplingGetsAClearErrorAndNothingHangs() {
        var plain = new App("plain", engine.gateway().serverUrl("everything"), false);

        String answer = plain.call("trigger-sampling-request", Map.of("prompt", "hi", "maxTokens", 5));

        assertThat(answer).startsWith("ERROR").contains("does not support sampling");
        // and the session goes on
        assertThat(plain.call("echo", Map.of("message", "still here"))).contains("still here");
    }
}
