package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests from a server to AI apps, and resuming cut streams with Last-Event-ID, seen at the HTTP
 * level, with a scripted server behind the gateway whose side of the wire the test plays.
 */
@Timeout(60)
class GatewayServerRequestsTest {

    @TempDir
    Path dir;

    private final List<ObjectNode> toServer = new CopyOnWriteArrayList<>();
    /** Calls of the tool {@code wait} the server holds, by the server-side id, until the test answers them. */
    private final Map<Long, JsonNode> held = new ConcurrentHashMap<>();

    private ServerConnection connection;
    private Gateway gateway;
    private String token;

    @BeforeEach
    void start() throws Exception {
        connection = new ServerConnection("weather", this::serve, n -> gateway.broadcast(connection, n));
        var tokens = new ClientTokens(dir.resolve("client-tokens.json"));
        token = tokens.issue("claude-desktop");
        gateway = new Gateway(
                new GatewaySettings(0, GatewaySettings.DEFAULT_MAX_BODY_BYTES, 16),
                new FixedRoutes().put("weather", new ServerState.Running(connection)),
                tokens,
                new ActivityLog());
        gateway.start();
        connection.initialize(Duration.ofSeconds(10));
        toServer.clear();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /**
     * The scripted server: {@code initialize} and {@code tools/list} (one tool, {@code wait}) are
     * answered; {@code tools/call} is held until the test
     * plays the server's side ({@link #serverSays}).
     */
    private boolean serve(byte[] bytes) {
        ObjectNode message = (ObjectNode) Json.mapper().readTree(bytes);
        toServer.add(message);
        if ("initialize".equals(JsonRpc.method(message))) {
            Thread.ofVirtual()
                    .start(() -> serverSays(JsonRpc.result(
                            message.get("id"),
                            Json.mapper()
                                    .readTree("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                                            + "\"serverInfo\":{\"name\":\"fake-weather\",\"version\":\"1\"}}"))));
        } else if ("tools/list".equals(JsonRpc.method(message))) {
            Thread.ofVirtual()
                    .start(
                            () -> serverSays(
                                    JsonRpc.result(
                                            message.get("id"),
                                            Json.mapper()
                                                    .readTree(
                                                            "{\"tools\":[{\"name\":\"wait\",\"inputSchema\":{\"type\":\"object\"}}]}"))));
        } else if ("tools/call".equals(JsonRpc.method(message))) {
            held.put(message.get("id").asLong(), message);
        }
        return true;
    }

    private void serverSays(ObjectNode message) {
        connection.onMessage(Json.mapper().writeValueAsBytes(message));
    }

    private void serverAsks(String id, String method) {
        serverSays(JsonRpc.request(id, method, (ObjectNode) Json.mapper().readTree("{\"maxTokens\":5}")));
    }

    /** The server-side id of the one tool call the server holds. */
    private long heldCall() {
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);
        return held.keySet().iterator().next();
    }

    private List<ObjectNode> answersFromApps(String serverId) {
        return toServer.stream()
                .filter(m -> !m.has("method") && serverId.equals(m.path("id").asString(null)))
                .toList();
    }

    @Test
    void theAppsAnswerGoesBackOnceAndForeignUnknownOrRepeatedAnswersAreDropped() throws Exception {
        String mine = initialize("{\"sampling\":{}}");
        String theirs = initialize("{\"sampling\":{}}");
        Sse call = postStream(mine, toolCall(1, "wait"));
        long upstream = heldCall();

        serverAsks("srv-1", "sampling/createMessage");
        JsonNode asked = call.next().data();
        assertThat(JsonRpc.method(asked)).isEqualTo("sampling/createMessage");
        String gatewayId = asked.path("id").asString();
        assertThat(gatewayId).isNotEqualTo("srv-1");

        // another session answering it, or an id nobody was given: accepted, and never forwarded
        assertThat(post(theirs, answer(gatewayId, "from the wrong app")).status())
                .isEqualTo(202);
        assertThat(post(mine, answer("airlock-999", "unknown")).status()).isEqualTo(202);
        assertThat(answersFromApps("srv-1")).isEmpty();

        assertThat(post(mine, answer(gatewayId, "sunny")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !answersFromApps("srv-1").isEmpty());
        // the same answer again is dropped
        assertThat(post(mine, answer(gatewayId, "again")).status()).isEqualTo(202);

        List<ObjectNode> answers = answersFromApps("srv-1");
        assertThat(answers)
                .singleElement()
                .satisfies(a -> assertThat(
                                a.path("result").path("content").path("text").asString())
                        .isEqualTo("sunny"));
        serverSays(JsonRpc.result(JsonNodeOf.number(upstream), JsonRpc.object()));
        assertThat(call.next().data().path("id").asInt()).isEqualTo(1);
    }

    @Test
    void aSecretInTheAppsAnswerIsRedactedBeforeTheServerSeesIt() throws Exception {
        String key = "h7Tq2Lx9Vb4Nw1Rz8Kc3Pm6Yd0Fs5Gj2Ua7Ei9Oo"; // a made-up key, as a model might echo one
        String session = initialize("{\"sampling\":{}}");
        Sse call = postStream(session, toolCall(1, "wait"));
        long upstream = heldCall();

        serverAsks("srv-10", "sampling/createMessage");
        String gatewayId = call.next().data().path("id").asString();
        assertThat(post(session, answer(gatewayId, "use aws_secret_access_key = " + key))
                        .status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !answersFromApps("srv-10").isEmpty());
        assertThat(answersFromApps("srv-10"))
                .singleElement()
                .satisfies(a -> assertThat(
                                a.path("result").path("content").path("text").asString())
                        .isEqualTo("use aws_secret_access_key = [REDACTED:aws-secret-access-key]"));
        serverSays(JsonRpc.result(JsonNodeOf.number(upstream), JsonRpc.object()));
        assertThat(call.next().data().path("id").asInt()).isEqualTo(1);
    }

    @Test
    void anAppThatAcceptsNoStreamOnItsCallIsAskedOnItsGetStream() throws Exception {
        String session = initialize("{\"elicitation\":{}}");
        Sse stream = getStream(session, null);
        var headers = headers(session);
        headers.put("Accept", "application/json");
        var pending = Thread.ofVirtual().start(() -> send("POST", headers, toolCall(2, "wait")));
        long upstream = heldCall();

        serverAsks("srv-2", "elicitation/create");

        JsonNode asked = stream.next().data();
        assertThat(JsonRpc.method(asked)).isEqualTo("elicitation/create");
        assertThat(post(session, answer(asked.path("id").asString(), "ok")).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> answersFromApps("srv-2").size() == 1);
        serverSays(JsonRpc.result(JsonNodeOf.number(upstream), JsonRpc.object()));
        pending.join(Duration.ofSeconds(10));
    }

    @Test
    void anAppWithoutTheFeatureLeavesTheServerWithAnError() throws Exception {
        String session = initialize("{}");
        var call = CompletableFuture.supplyAsync(() -> post(session, toolCall(3, "wait")));
        long upstream = heldCall();

        serverAsks("srv-3", "sampling/createMessage");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> answersFromApps("srv-3").size() == 1);
        assertThat(answersFromApps("srv-3")
                        .getFirst()
                        .path("error")
                        .path("message")
                        .asString())
                .contains("does not support sampling");
        serverSays(JsonRpc.result(JsonNodeOf.number(upstream), JsonRpc.object()));
        // nothing was asked on the call's own answer: it comes as plain JSON
        RawHttp.Reply reply = call.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(Json.mapper().readTree(reply.body()).path("id").asInt()).isEqualTo(3);
    }

    @Test
    void anAppWithNoStreamToBeAskedOnLeavesTheServerWithAnError() throws Exception {
        String session = initialize("{\"sampling\":{}}");
        var headers = headers(session);
        headers.put("Accept", "application/json");
        var pending = Thread.ofVirtual().start(() -> send("POST", headers, toolCall(6, "wait")));
        long upstream = heldCall();

        serverAsks("srv-6", "sampling/createMessage");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> answersFromApps("srv-6").size() == 1);
        assertThat(answersFromApps("srv-6")
                        .getFirst()
                        .path("error")
                        .path("message")
                        .asString())
                .contains("cannot receive requests from servers");
        serverSays(JsonRpc.result(JsonNodeOf.number(upstream), JsonRpc.object()));
        pending.join(Duration.ofSeconds(10));
    }

    @Test
    void whenTheSessionEndsTheServerIsAnsweredAndNotLeftWaiting() throws Exception {
        String session = initialize("{\"sampling\":{}}");
        Sse call = postStream(session, toolCall(4, "wait"));
        heldCall();
        serverAsks("srv-4", "sampling/createMessage");
        assertThat(JsonRpc.method(call.next().data())).isEqualTo("sampling/createMessage");

        assertThat(send("DELETE", headers(session), null).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> answersFromApps("srv-4").size() == 1);
        assertThat(answersFromApps("srv-4")
                        .getFirst()
                        .path("error")
                        .path("message")
                        .asString())
                .contains("session ended");
    }

    @Test
    void theServerCancellingItsRequestTellsTheAppAndALateAnswerIsDropped() throws Exception {
        String session = initialize("{\"elicitation\":{}}");
        Sse call = postStream(session, toolCall(7, "wait"));
        long upstream = heldCall();
        serverAsks("srv-7", "elicitation/create");
        String gatewayId = call.next().data().path("id").asString();

        serverSays(JsonRpc.notification("notifications/cancelled", (ObjectNode)
                Json.mapper().readTree("{\"requestId\":\"srv-7\",\"reason\":\"no longer needed\"}")));

        JsonNode cancelled = call.next().data();
        assertThat(JsonRpc.method(cancelled)).isEqualTo("notifications/cancelled");
        assertThat(cancelled.path("params").path("requestId").asString()).isEqualTo(gatewayId);
        assertThat(post(session, answer(gatewayId, "too late")).status()).isEqualTo(202);
        serverSays(JsonRpc.result(JsonNodeOf.number(upstream), JsonRpc.object()));
        assertThat(call.next().data().path("id").asInt()).isEqualTo(7);
        assertThat(answersFromApps("srv-7")).isEmpty();
    }

    @Test
    void anAppThatDoesNotAnswerWithinTheQuietLimitLeavesTheServerWithAnError() throws Exception {
        gateway.close();
        var tokens = new ClientTokens(dir.resolve("client-tokens.json"));
        token = tokens.issue("claude-desktop");
        gateway = new Gateway(
                new GatewaySettings(0, GatewaySettings.DEFAULT_MAX_BODY_BYTES, 16)
                        .withCallQuietLimit(Duration.ofSeconds(1)),
                new FixedRoutes().put("weather", new ServerState.Running(connection)),
                tokens,
                new ActivityLog());
        gateway.start();
        String session = initialize("{\"sampling\":{}}");
        Sse call = postStream(session, toolCall(8, "wait"));
        heldCall();
        serverAsks("srv-8", "sampling/createMessage");
        assertThat(JsonRpc.method(call.next().data())).isEqualTo("sampling/createMessage");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> answersFromApps("srv-8").size() == 1);
        assertThat(answersFromApps("srv-8")
                        .getFirst()
                        .path("error")
                        .path("message")
                        .asString())
                .contains("did not answer within 1 second");
    }

    @Test
    void aStatelessRequestHasNoStreamToCarryAServersRequest() throws Exception {
        ObjectNode params = (ObjectNode) Json.mapper().readTree("{\"name\":\"wait\",\"arguments\":{}}");
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", StatelessRevision.VERSION);
        meta.putObject("io.modelcontextprotocol/clientCapabilities").putObject("sampling");
        meta.putObject("io.modelcontextprotocol/clientInfo")
                .put("name", "next-app")
                .put("version", "2.0");
        var headers = headers(null);
        headers.put("MCP-Protocol-Version", StatelessRevision.VERSION);
        headers.put("Mcp-Method", "tools/call");
        headers.put("Mcp-Name", "wait");
        String body = Json.mapper().writeValueAsString(JsonRpc.request(9, "tools/call", params));
        var pending = CompletableFuture.supplyAsync(() -> send("POST", headers, body));
        long upstream = heldCall();

        serverAsks("srv-9", "sampling/createMessage");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> answersFromApps("srv-9").size() == 1);
        assertThat(answersFromApps("srv-9")
                        .getFirst()
                        .path("error")
                        .path("message")
                        .asString())
                .contains(StatelessRevision.VERSION)
                .contains("no stream");
        serverSays(JsonRpc.result(JsonNodeOf.number(upstream), JsonRpc.object()));
        assertThat(pending.get(10, java.util.concurrent.TimeUnit.SECONDS).status())
                .isEqualTo(200);
    }

    @Test
    void aServerCannotPileUpMoreRequestsOnAnAppThanTheSessionLimit() throws Exception {
        String session = initialize("{\"sampling\":{}}");
        Sse call = postStream(session, toolCall(10, "wait"));
        long upstream = heldCall();

        for (int i = 1; i <= McpHandler.MAX_IN_FLIGHT_PER_SESSION + 1; i++) {
            serverAsks("flood-" + i, "sampling/createMessage");
        }

        String last = "flood-" + (McpHandler.MAX_IN_FLIGHT_PER_SESSION + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> answersFromApps(last).size() == 1);
        assertThat(answersFromApps(last).getFirst().path("error").path("code").asInt())
                .isEqualTo(JsonRpc.LIMIT_EXCEEDED);
        assertThat(answersFromApps("flood-1")).isEmpty(); // still the app's to answer
        assertThat(JsonRpc.method(call.next().data())).isEqualTo("sampling/createMessage");
        serverSays(JsonRpc.result(JsonNodeOf.number(upstream), JsonRpc.object()));
    }

    @Test
    void aCutGetStreamIsResumedAfterTheLastEventTheAppHad() throws Exception {
        String session = initialize("{}");
        Sse first = getStream(session, null);
        serverSays(JsonRpc.notification("notifications/message", log("one")));
        Event one = first.next();
        assertThat(one.id()).isNotBlank();
        first.close();
        serverSays(JsonRpc.notification("notifications/message", log("two")));
        serverSays(JsonRpc.notification("notifications/message", log("three")));

        Sse resumed = getStream(session, one.id());

        assertThat(resumed.next().data().path("params").path("data").asString()).isEqualTo("two");
        assertThat(resumed.next().data().path("params").path("data").asString()).isEqualTo("three");
        serverSays(JsonRpc.notification("notifications/message", log("four")));
        assertThat(resumed.next().data().path("params").path("data").asString()).isEqualTo("four");
    }

    @Test
    void aCutPostStreamIsResumedWithTheRestOfItsMessagesAndTheFinalAnswer() throws Exception {
        String session = initialize("{}");
        Sse call = postStream(session, toolCallWithProgress(5, "wait"));
        long upstream = heldCall();
        serverSays(JsonRpc.notification("notifications/progress", progress(upstream, 1)));
        Event first = call.next();
        assertThat(first.data().path("params").path("progress").asInt()).isEqualTo(1);
        call.close();
        serverSays(JsonRpc.notification("notifications/progress", progress(upstream, 2)));
        serverSays(JsonRpc.result(
                JsonNodeOf.number(upstream),
                Json.mapper().readTree("{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}")));

        Sse resumed = getStream(session, first.id());

        Event second = resumed.next();
        assertThat(second.data().path("params").path("progress").asInt()).isEqualTo(2);
        assertThat(second.data().path("params").path("progressToken").asString())
                .isEqualTo("p5");
        Event last = resumed.next();
        assertThat(last.data().path("id").asInt()).isEqualTo(5);
        assertThat(last.data()
                        .path("result")
                        .path("content")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("done");
        assertThat(resumed.ended()).isTrue();
    }

    @Test
    void aLastEventIdOfAnotherSessionOrOfNoStreamIsRefused() throws Exception {
        String mine = initialize("{}");
        String theirs = initialize("{}");
        Sse stream = getStream(mine, null);
        serverSays(JsonRpc.notification("notifications/message", log("private")));
        Event event = stream.next();

        var headers = headers(theirs);
        headers.put("Last-Event-ID", event.id());
        RawHttp.Reply foreign = send("GET", headers, null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).contains("Last-Event-ID").doesNotContain("private");

        headers.put("Last-Event-ID", "not-an-event-id");
        assertThat(send("GET", headers, null).status()).isEqualTo(404);
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** JSON numbers for the server-side ids. */
    private static final class JsonNodeOf {
        static JsonNode number(long value) {
            return Json.mapper().getNodeFactory().numberNode(value);
        }
    }

    private static ObjectNode log(String text) {
        ObjectNode params = JsonRpc.object();
        params.put("level", "info");
        params.put("data", text);
        return params;
    }

    private static ObjectNode progress(long token, int step) {
        ObjectNode params = JsonRpc.object();
        params.put("progressToken", token);
        params.put("progress", step);
        params.put("total", 2);
        return params;
    }

    private static String answer(String id, String text) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"role\":\"assistant\",\"content\":"
                + "{\"type\":\"text\",\"text\":\"" + text + "\"},\"model\":\"m\"}}";
    }

    private static String toolCall(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{}}}";
    }

    private static String toolCallWithProgress(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p" + id + "\"}}}";
    }

    private String initialize(String capabilities) throws Exception {
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":" + capabilities
                        + ",\"clientInfo\":{\"name\":\"test-app\",\"version\":\"1.0\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        var reply = RawHttp.send(gateway.port(), "POST", "/mcp/weather", headers(null), body);
        assertThat(reply.status()).isEqualTo(200);
        return reply.header("Mcp-Session-Id");
    }

    private RawHttp.Reply post(String session, String body) {
        return send("POST", headers(session), body);
    }

    private RawHttp.Reply send(String method, Map<String, String> headers, String body) {
        try {
            return RawHttp.send(
                    gateway.port(),
                    method,
                    "/mcp/weather",
                    headers,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8));
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

    /** One SSE event: its id (null without one) and its data. */
    record Event(String id, JsonNode data) {}

    /** An event stream read as it comes. */
    static final class Sse {
        private final CompletableFuture<HttpResponse<Stream<String>>> response;
        private Stream<String> body;
        private Iterator<String> lines;

        /** The gateway sends a POST's headers with its first event, so the response is awaited lazily. */
        Sse(CompletableFuture<HttpResponse<Stream<String>>> response) {
            this.response = response;
        }

        private void open() {
            if (lines == null) {
                HttpResponse<Stream<String>> open = response.join();
                assertThat(open.statusCode()).isEqualTo(200);
                assertThat(open.headers().firstValue("Content-Type")).hasValue("text/event-stream");
                body = open.body();
                lines = body.iterator();
            }
        }

        Event next() {
            open();
            String id = null;
            String data = null;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                } else if (line.isEmpty() && data != null) {
                    return new Event(id, Json.mapper().readTree(data));
                }
            }
            throw new AssertionError("the stream ended before another event");
        }

        /** Whether the stream ends here, with no more events. */
        boolean ended() {
            open();
            while (lines.hasNext()) {
                if (lines.next().startsWith("data: ")) {
                    return false;
                }
            }
            return true;
        }

        void close() {
            open();
            body.close();
        }
    }

    private Sse postStream(String session, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(gateway.serverUrl("weather")))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers(session).forEach((name, value) -> {
            if (!name.equals("Host")) {
                builder.header(name, value);
            }
        });
        return new Sse(HttpClient.newHttpClient().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    private Sse getStream(String session, String lastEventId) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(gateway.serverUrl("weather")))
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        Sse stream =
                new Sse(HttpClient.newHttpClient().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofLines()));
        stream.open(); // the GET stream is open once its headers have come
        return stream;
    }
}
