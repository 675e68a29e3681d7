package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.activity.CallText;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.FindingView;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * What the gateway records of each call, with a scripted MCP server behind it instead of a
 * container: every way a call can end, seen from the activity log.
 */
@Timeout(60)
class GatewayActivityTest {

    @TempDir
    Path dir;

    private final ActivityLog log = new ActivityLog();
    private final List<ActivityView> heard = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ObjectNode> toServer = new LinkedBlockingQueue<>();
    private ServerConnection connection;
    private ClientTokens tokens;
    private Gateway gateway;
    private String token;

    @BeforeEach
    void start() throws Exception {
        connection = new ServerConnection("weather", this::serve, notification -> {});
        tokens = new ClientTokens(dir.resolve("client-tokens.json"));
        token = tokens.issue("claude-desktop");
        startGateway(GatewaySettings.DEFAULT_CALL_QUIET_LIMIT);
        connection.initialize(Duration.ofSeconds(10));
        toServer.clear();
        log.subscribe(heard::add);
    }

    private void startGateway(Duration callQuietLimit) throws Exception {
        ServerState running = new ServerState.Running(connection);
        gateway = new Gateway(
                new GatewaySettings(0, GatewaySettings.DEFAULT_MAX_BODY_BYTES, 16).withCallQuietLimit(callQuietLimit),
                new FixedRoutes().put("weather", running),
                tokens,
                log);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /**
     * The scripted server, answering on a thread of its own as a container's reader would. Tools:
     * {@code echo}, {@code slow} (100 ms), {@code broken} (a JSON-RPC error), {@code fails} (a
     * result with isError), {@code hang} (no answer until the test gives one).
     */
    private boolean serve(byte[] bytes) {
        ObjectNode message = (ObjectNode) Json.mapper().readTree(bytes);
        toServer.add(message);
        if (!message.has("id") || !message.has("method")) {
            return true;
        }
        JsonNode id = message.get("id");
        String method = message.get("method").asString();
        String tool = message.path("params").path("name").asString("");
        if (tool.equals("hang")) {
            return true;
        }
        if (tool.equals("leaky")) {
            leak(id, message.path("params").path("_meta").path("progressToken"));
            return true;
        }
        Thread.ofVirtual().start(() -> {
            ObjectNode answer = switch (method) {
                case "initialize" ->
                    JsonRpc.result(
                            id,
                            Json.mapper()
                                    .readTree("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                                            + "\"serverInfo\":{\"name\":\"fake-weather\",\"version\":\"1\"}}"));
                case "tools/call" ->
                    switch (tool) {
                        case "broken" -> JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: broken");
                        case "fails" ->
                            JsonRpc.result(
                                    id,
                                    Json.mapper()
                                            .readTree("{\"content\":[{\"type\":\"text\",\"text\":\"no rain data\"}],"
                                                    + "\"isError\":true}"));
                        default -> {
                            if (tool.equals("slow")) {
                                pause(100);
                            }
                            yield JsonRpc.result(
                                    id,
                                    Json.mapper().readTree("{\"content\":[{\"type\":\"text\",\"text\":\"sunny\"}]}"));
                        }
                    };
                case "tools/list" -> JsonRpc.result(id, Json.mapper().readTree(TOOLS));
                default -> JsonRpc.result(id, JsonRpc.object());
            };
            connection.onMessage(Json.mapper().writeValueAsBytes(answer));
        });
        return true;
    }

    /** What the scripted server lists: every tool it answers. */
    private static final String TOOLS = "{\"tools\":["
            + String.join(
                    ",",
                    java.util.stream.Stream.of("echo", "slow", "broken", "fails", "hang", "leaky")
                            .map(name -> "{\"name\":\"" + name + "\",\"inputSchema\":{\"type\":\"object\"}}")
                            .toList())
            + "]}";

    /** A realistic fake AWS secret key, never a real one, and not the documentation example. */
    static final String FAKE_KEY = "h7Tq2Lx9Vb4Nw1Rz8Kc3Pm6Yd0Fs5Gj2Ua7Ei9Oo";

    /**
     * {@code leaky}: a progress notification about the call, then the answer, both with a secret key,
     * so that the answer leaves on an event stream.
     */
    private void leak(JsonNode id, JsonNode progressToken) {
        Thread.ofVirtual().start(() -> {
            ObjectNode progress = JsonRpc.notification("notifications/progress", JsonRpc.object());
            ((ObjectNode) progress.get("params"))
                    .put("progress", 1)
                    .put("message", "reading aws_secret_access_key = " + FAKE_KEY)
                    .set("progressToken", progressToken);
            connection.onMessage(Json.mapper().writeValueAsBytes(progress));
            ObjectNode answer = JsonRpc.result(
                    id,
                    Json.mapper()
                            .readTree("{\"content\":[{\"type\":\"text\",\"text\":\"config: aws_secret_access_key = "
                                    + FAKE_KEY + "\"}]}"));
            connection.onMessage(Json.mapper().writeValueAsBytes(answer));
        });
    }

    @Test
    void aSecretInAnAnswerOnAnEventStreamAndInItsProgressIsRedacted() throws Exception {
        String session = initialize("claude-ai");

        RawHttp.Reply reply = post(
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"leaky\","
                        + "\"arguments\":{},\"_meta\":{\"progressToken\":\"p-1\"}}}");

        assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
        assertThat(reply.body())
                .doesNotContain(FAKE_KEY)
                .contains("reading aws_secret_access_key = [REDACTED:aws-secret-access-key]")
                .contains("config: aws_secret_access_key = [REDACTED:aws-secret-access-key]");
        ActivityView call = call(2);
        assertThat(call.outcome()).isEqualTo("ok");
        assertThat(call.response()).doesNotContain(FAKE_KEY);
        assertThat(call.findings())
                .extracting(FindingView::rule, FindingView::direction, FindingView::location)
                .containsExactlyInAnyOrder( // one finding per place: not also generic-secret-assignment
                        tuple("aws-secret-access-key", "to-app", "/message"),
                        tuple("aws-secret-access-key", "to-app", "/content/0/text"));
    }

    @Test
    void initializeIsRecordedWithTheAppsOwnName() throws Exception {
        String session = initialize("claude-ai");

        ActivityView call = call(1);
        assertThat(session).isNotBlank();
        assertThat(call.method()).isEqualTo("initialize");
        assertThat(call.outcome()).isEqualTo("ok");
        assertThat(call.client()).isEqualTo("claude-desktop");
        assertThat(call.clientApp()).isEqualTo("claude-ai");
        assertThat(call.server()).isEqualTo("weather");
        assertThat(call.target()).isNull();
        assertThat(Json.mapper()
                        .readTree(call.request())
                        .path("clientInfo")
                        .path("name")
                        .asString())
                .isEqualTo("claude-ai");
        assertThat(Json.mapper()
                        .readTree(call.response())
                        .path("serverInfo")
                        .path("name")
                        .asString())
                .isEqualTo("fake-weather");
        assertThat(call.findings()).isEmpty();
    }

    @Test
    void aToolCallIsRecordedWithItsToolParametersAnswerAndDuration() throws Exception {
        String session = initialize("claude-ai");
        Instant before = Instant.now();

        RawHttp.Reply reply = post(
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\","
                        + "\"arguments\":{\"city\":\"Oslo\"}}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Json.mapper().readTree(reply.body()).path("id").asInt()).isEqualTo(7);
        ActivityView call = call(2);
        assertThat(call.method()).isEqualTo("tools/call");
        assertThat(call.target()).isEqualTo("slow");
        assertThat(call.outcome()).isEqualTo("ok");
        assertThat(call.clientApp()).isEqualTo("claude-ai");
        assertThat(call.client()).isEqualTo("claude-desktop");
        assertThat(call.server()).isEqualTo("weather");
        assertThat(call.request()).isEqualTo("{\"name\":\"slow\",\"arguments\":{\"city\":\"Oslo\"}}");
        assertThat(call.response()).isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"sunny\"}]}");
        assertThat(call.durationMs()).isBetween(100L, 10_000L);
        assertThat(Instant.parse(call.at())).isBetween(before.minusMillis(1), Instant.now());
        assertThat(call.id()).isEqualTo(2);
    }

    @Test
    void theServerNameIsTheCanonicalOneWhateverCaseTheUrlUsed() throws Exception {
        var reply = RawHttp.send(gateway.port(), "POST", "/mcp/WEATHER", headers(null), initializeBody("x"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(call(1).server()).isEqualTo("weather");
    }

    @Test
    void anErrorAnswerAndAToolThatReportsFailureAreErrors() throws Exception {
        String session = initialize("cursor");

        RawHttp.Reply broken = post(session, toolCall(1, "broken"));
        ActivityView brokenCall = call(2);
        post(session, toolCall(2, "fails"));
        ActivityView failsCall = call(3);

        // the AI app still gets exactly what the server said
        assertThat(Json.mapper()
                        .readTree(broken.body())
                        .path("error")
                        .path("message")
                        .asString())
                .isEqualTo("Unknown tool: broken");
        assertThat(brokenCall.outcome()).isEqualTo("error");
        assertThat(brokenCall.target()).isEqualTo("broken");
        assertThat(Json.mapper().readTree(brokenCall.response()).path("code").asInt())
                .isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(failsCall.outcome()).isEqualTo("error");
        assertThat(failsCall.response()).contains("no rain data");
    }

    @Test
    void otherMethodsNameWhatTheyWereAbout() throws Exception {
        String session = initialize("cursor");

        post(session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\"}}");
        post(
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///a.txt\"}}");
        post(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");

        assertThat(awaitCalls(5).subList(0, 4))
                .extracting(ActivityView::method, ActivityView::target, ActivityView::outcome, ActivityView::request)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ping", null, "ok", null),
                        org.assertj.core.groups.Tuple.tuple("tools/list", null, "ok", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "resources/read", "file:///a.txt", "ok", "{\"uri\":\"file:///a.txt\"}"),
                        org.assertj.core.groups.Tuple.tuple(
                                "prompts/get", "greeting", "ok", "{\"name\":\"greeting\"}"));
    }

    @Test
    void notificationsAndRefusedRequestsAreNotCalls() throws Exception {
        String session = initialize("cursor");

        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .status())
                .isEqualTo(202);
        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}")
                        .status())
                .isEqualTo(202);
        assertThat(post(null, toolCall(1, "echo")).status()).isEqualTo(400); // no session
        post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"ping\"}");

        assertThat(awaitCalls(2)).extracting(ActivityView::method).containsExactly("ping", "initialize");
    }

    @Test
    void theRequestIsRecordedAsTheAppSentItNotAsTheServerSawIt() throws Exception {
        String session = initialize("cursor");

        post(
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{},"
                        + "\"_meta\":{\"progressToken\":\"mine\"}}}");

        assertThat(call(2).request())
                .isEqualTo("{\"name\":\"echo\",\"arguments\":{},\"_meta\":{\"progressToken\":\"mine\"}}");
    }

    @Test
    void aLargeRequestIsKeptShortened() throws Exception {
        String session = initialize("cursor");
        String big = "z".repeat(512 * 1024); // under the tool guard's 1 MiB for arguments

        RawHttp.Reply reply = post(
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                        + "\"arguments\":{\"text\":\"" + big + "\"}}}");

        assertThat(reply.status()).isEqualTo(200);
        // the server still got all of it
        assertThat(toServer.stream()
                        .filter(m -> m.has("id"))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .path("params")
                        .path("arguments")
                        .path("text")
                        .asString())
                .hasSize(big.length());
        assertThat(call(2).request())
                .startsWith("{\"name\":\"echo\",\"arguments\":{\"text\":\"zzz")
                .endsWith(CallText.SHORTENED)
                .hasSize(CallText.MAX_CHARS + CallText.SHORTENED.length());
    }

    @Test
    void aCallWhoseServerStopsIsFailed() throws Exception {
        String session = initialize("cursor");
        var pending = CompletableFuture.supplyAsync(() -> post(session, toolCall("lost", "hang")));
        awaitAtServer("hang");

        connection.onClosed("the container exited (exit code 137)");

        RawHttp.Reply reply = pending.get(10, TimeUnit.SECONDS);
        assertThat(Json.mapper()
                        .readTree(reply.body())
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(JsonRpc.SERVER_UNAVAILABLE);
        ActivityView call = call(2);
        assertThat(call.outcome()).isEqualTo("failed");
        assertThat(call.target()).isEqualTo("hang");
        assertThat(call.response()).contains("stopped before answering").contains("exit code 137");
    }

    @Test
    void anAnswerOverTheSizeLimitIsFailed() throws Exception {
        String session = initialize("cursor");
        var pending = CompletableFuture.supplyAsync(() -> post(session, toolCall(3, "hang")));
        long upstreamId = awaitAtServer("hang").get("id").asLong();

        connection.onOversized(
                64L * 1024 * 1024,
                new byte[0],
                ("\"x\"}],\"id\":" + upstreamId + "}").getBytes(StandardCharsets.UTF_8));

        assertThat(pending.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(call(2).outcome()).isEqualTo("failed");
        assertThat(call(2).response()).contains("more than Airlock accepts");
    }

    @Test
    void aCallTheServerNeverAnswersEndsWithAnErrorIsCancelledThereAndHoldsUpNothingElse() throws Exception {
        gateway.close();
        startGateway(Duration.ofSeconds(1));
        String session = initialize("cursor");
        var stuck = CompletableFuture.supplyAsync(() -> post(session, toolCall("s1", "hang")));
        long upstreamId = awaitAtServer("hang").get("id").asLong();

        // the same session, and the same server, go on answering meanwhile
        assertThat(Json.mapper()
                        .readTree(post(session, toolCall(2, "echo")).body())
                        .path("result"))
                .isNotEmpty();

        JsonNode error =
                Json.mapper().readTree(stuck.get(30, TimeUnit.SECONDS).body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(JsonRpc.LIMIT_EXCEEDED);
        assertThat(error.path("message").asString())
                .isEqualTo("The server 'weather' did not answer within 1 second, so Airlock cancelled the call. Try"
                        + " again; if it keeps happening, turn the server off and on.");
        ObjectNode cancelled;
        do {
            cancelled = toServer.poll(10, TimeUnit.SECONDS);
            assertThat(cancelled).as("notifications/cancelled at the server").isNotNull();
        } while (!"notifications/cancelled".equals(cancelled.path("method").asString("")));
        assertThat(cancelled.path("params").path("requestId").asLong()).isEqualTo(upstreamId);
        ActivityView call = call(3);
        assertThat(call.target()).isEqualTo("hang");
        assertThat(call.outcome()).isEqualTo("failed");
    }

    @Test
    void aSessionWithTooManyRequestsWaitingIsToldToWait() throws Exception {
        String session = initialize("cursor");
        var waiting = new java.util.ArrayList<CompletableFuture<RawHttp.Reply>>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < McpHandler.MAX_IN_FLIGHT_PER_SESSION; i++) {
                int id = 1000 + i;
                waiting.add(CompletableFuture.supplyAsync(() -> post(session, toolCall(id, "hang")), threads));
            }
            // every one reaches the server: waiting calls do not use up the gateway's threads
            for (int i = 0; i < McpHandler.MAX_IN_FLIGHT_PER_SESSION; i++) {
                awaitAtServer("hang");
            }

            RawHttp.Reply refused = post(session, toolCall("one-too-many", "echo"));

            assertThat(refused.status()).isEqualTo(429);
            JsonNode error = Json.mapper().readTree(refused.body()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(JsonRpc.LIMIT_EXCEEDED);
            assertThat(error.path("message").asString()).contains("256 requests waiting");
            // ending the session frees them all
            RawHttp.send(gateway.port(), "DELETE", "/mcp/weather", headers(session), null);
            for (var reply : waiting) {
                assertThat(reply.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aCallTheAppCancelsIsCancelled() throws Exception {
        String session = initialize("cursor");
        var pending = CompletableFuture.supplyAsync(() -> post(session, toolCall("c1", "hang")));
        awaitAtServer("hang");

        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"c1\"}}");

        pending.get(10, TimeUnit.SECONDS);
        ActivityView call = call(2);
        assertThat(call.method()).isEqualTo("tools/call");
        assertThat(call.outcome()).isEqualTo("cancelled");
        assertThat(call.response()).contains("The request was cancelled.");
        assertThat(awaitCalls(2)).hasSize(2); // the notification itself is not a call
    }

    @Test
    void callsStillWaitingWhenTheAppEndsItsSessionAreCancelled() throws Exception {
        String session = initialize("cursor");
        var pending = CompletableFuture.supplyAsync(() -> post(session, toolCall(4, "hang")));
        awaitAtServer("hang");

        assertThat(RawHttp.send(gateway.port(), "DELETE", "/mcp/weather", headers(session), null)
                        .status())
                .isEqualTo(204);

        pending.get(10, TimeUnit.SECONDS);
        assertThat(call(2).outcome()).isEqualTo("cancelled");
        assertThat(call(2).response()).contains("the AI app ended the session");
    }

    @Test
    void callsStillWaitingWhenAirlockStopsAreFailed() throws Exception {
        String session = initialize("cursor");
        var pending = CompletableFuture.supplyAsync(() -> post(session, toolCall(5, "hang")));
        awaitAtServer("hang");

        gateway.close();

        pending.handle((reply, error) -> null).get(10, TimeUnit.SECONDS);
        ActivityView call = call(2);
        assertThat(call.method()).isEqualTo("tools/call");
        assertThat(call.outcome()).isEqualTo("failed");
    }

    @Test
    void subscribersHearEveryCallAsItEnds() throws Exception {
        String session = initialize("cursor");
        post(session, toolCall(1, "echo"));
        post(session, toolCall(2, "broken"));
        awaitCalls(3);

        assertThat(heard).extracting(ActivityView::outcome).containsExactly("ok", "ok", "error");
        assertThat(heard.reversed()).isEqualTo(log.recent(10));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private ObjectNode awaitAtServer(String tool) throws InterruptedException {
        while (true) {
            // generous: 256 connections opened at once on a busy two-core machine take their time
            ObjectNode message = toServer.poll(60, TimeUnit.SECONDS);
            assertThat(message).as("a request for %s at the server", tool).isNotNull();
            if (tool.equals(message.path("params").path("name").asString(null))) {
                return message;
            }
        }
    }

    /** The calls once there are this many, newest first. */
    private List<ActivityView> awaitCalls(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> log.recent(count + 1).size() >= count);
        List<ActivityView> calls = log.recent(count + 1);
        assertThat(calls).hasSize(count);
        return calls;
    }

    /** The newest call, once there are this many. */
    private ActivityView call(int count) {
        return awaitCalls(count).getFirst();
    }

    private String initialize(String appName) throws Exception {
        var reply = RawHttp.send(gateway.port(), "POST", "/mcp/weather", headers(null), initializeBody(appName));
        assertThat(reply.status()).isEqualTo(200);
        return reply.header("Mcp-Session-Id");
    }

    private static byte[] initializeBody(String appName) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"" + appName + "\",\"version\":\"1.0\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String toolCall(Object id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + Json.mapper().writeValueAsString(id)
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}";
    }

    private RawHttp.Reply post(String session, String body) {
        try {
            return RawHttp.send(
                    gateway.port(), "POST", "/mcp/weather", headers(session), body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> headers(String session) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + gateway.port());
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
        }
        return headers;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
