package dev.airlock.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The id rewriting between many client sessions and one server, with the server's side of the wire
 * recorded and played by the test.
 */
class ServerConnectionTest {

    private final List<JsonNode> toServer = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> broadcast = new ArrayList<>();
    private final ServerConnection connection = new ServerConnection(
            "weather", message -> toServer.add(Json.mapper().readTree(message)), broadcast::add);

    /** One client request's view of the exchange. */
    static class Recorder implements ServerConnection.Exchange {
        final List<ObjectNode> related = new ArrayList<>();
        final List<ObjectNode> responses = new ArrayList<>();

        @Override
        public void onRelated(ObjectNode message) {
            related.add(message);
        }

        @Override
        public void onResponse(ObjectNode response) {
            responses.add(response);
        }
    }

    @Test
    void twoSessionsUsingTheSameIdEachGetOnlyTheirOwnReply() {
        var alice = new Recorder();
        var bob = new Recorder();
        long aliceId = connection.send(request(1, "tools/call"), alice);
        long bobId = connection.send(request(1, "tools/call"), bob);

        assertThat(aliceId).isNotEqualTo(bobId);
        assertThat(toServer).extracting(m -> m.get("id").asLong()).containsExactly(aliceId, bobId);

        // the server answers in the other order
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":" + bobId + ",\"result\":{\"for\":\"bob\"}}");
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":" + aliceId + ",\"result\":{\"for\":\"alice\"}}");

        assertThat(alice.responses).singleElement().satisfies(r -> {
            assertThat(r.get("id").asInt()).isEqualTo(1);
            assertThat(r.path("result").path("for").asString()).isEqualTo("alice");
        });
        assertThat(bob.responses).singleElement().satisfies(r -> {
            assertThat(r.get("id").asInt()).isEqualTo(1);
            assertThat(r.path("result").path("for").asString()).isEqualTo("bob");
        });
        assertThat(connection.inFlightCount()).isZero();
    }

    @Test
    void clientIdsKeepTheirTypeAndValue() {
        var exchange = new Recorder();
        ObjectNode request = JsonRpc.request("abc-7", "tools/list", null);
        long id = connection.send(request, exchange);

        serverSays("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");

        assertThat(exchange.responses.getFirst().get("id").isString()).isTrue();
        assertThat(exchange.responses.getFirst().get("id").asString()).isEqualTo("abc-7");
    }

    @Test
    void progressGoesOnlyToTheRequestThatAskedWithItsOwnToken() {
        var alice = new Recorder();
        var bob = new Recorder();
        long aliceId = connection.send(withProgressToken(request(5, "tools/call"), "tok"), alice);
        long bobId = connection.send(withProgressToken(request(5, "tools/call"), "tok"), bob);

        JsonNode sentForAlice = toServer.get(0).path("params").path("_meta").path("progressToken");
        assertThat(sentForAlice.asLong()).isEqualTo(aliceId);
        serverSays("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":" + bobId
                + ",\"progress\":1}}");

        assertThat(alice.related).isEmpty();
        assertThat(bob.related)
                .singleElement()
                .satisfies(
                        p -> assertThat(p.path("params").path("progressToken").asString())
                                .isEqualTo("tok"));
    }

    @Test
    void replyToNoOneIsIgnoredAndNotificationsAreBroadcast() {
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}");
        serverSays("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
        serverSays("this is not json");

        assertThat(broadcast)
                .singleElement()
                .satisfies(n -> assertThat(JsonRpc.method(n)).isEqualTo("notifications/tools/list_changed"));
    }

    @Test
    void serverPingAndRootsAreAnsweredHereAndARequestNoSessionCausedIsRefused() {
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":\"p1\",\"method\":\"ping\"}");
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"roots/list\"}");
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"sampling/createMessage\",\"params\":{}}");

        assertThat(toServer).hasSize(3);
        assertThat(toServer.get(0).path("id").asString()).isEqualTo("p1");
        assertThat(toServer.get(0).has("result")).isTrue();
        // the container sees no host paths, so it has no roots; the app's own are never passed on
        assertThat(toServer.get(1).path("result").path("roots").isArray()).isTrue();
        assertThat(toServer.get(1).path("result").path("roots")).isEmpty();
        assertThat(toServer.get(2).path("id").asString()).isEqualTo("s1");
        assertThat(toServer.get(2).path("error").path("message").asString()).contains("could not tell which AI app");
    }

    @Test
    void aServerThatTalksBeforeAnsweringInitializeStillStarts() throws Exception {
        var started = CompletableFuture.supplyAsync(() -> {
            try {
                return connection.initialize(Duration.ofSeconds(30));
            } catch (ServerStartException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !toServer.isEmpty());
        long initializeId = toServer.getFirst().get("id").asLong();

        // some servers log, or ask for roots, before they answer initialize
        serverSays(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"booting\"}}");
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":\"early\",\"method\":\"roots/list\"}");
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":" + initializeId
                + ",\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                + "\"serverInfo\":{\"name\":\"weather\",\"version\":\"1\"}}}");

        ObjectNode result = started.get(30, TimeUnit.SECONDS);
        assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("weather");
        assertThat(connection.initializeResult()).isSameAs(result);
        assertThat(broadcast)
                .singleElement()
                .satisfies(n -> assertThat(JsonRpc.method(n)).isEqualTo("notifications/message"));
        assertThat(toServer).hasSize(3);
        assertThat(toServer.get(1).path("id").asString()).isEqualTo("early");
        assertThat(toServer.get(1).path("result").path("roots").isArray()).isTrue();
        assertThat(JsonRpc.method(toServer.get(2))).isEqualTo("notifications/initialized");
    }

    /** A request of one AI-app session, which takes the server's requests attributed to it. */
    static final class SessionRecorder extends Recorder {
        final Object session;
        final List<ServerConnection.ServerRequest> asked = new ArrayList<>();

        SessionRecorder(Object session) {
            this.session = session;
        }

        @Override
        public Object session() {
            return session;
        }

        @Override
        public void onServerRequest(ServerConnection.ServerRequest request) {
            asked.add(request);
        }
    }

    @Test
    void aServerRequestGoesToTheOnlySessionWaitingAndItsAnswerGetsTheServersIdBack() {
        Object app = new Object();
        var first = new SessionRecorder(app);
        var second = new SessionRecorder(app);
        connection.send(request(1, "tools/call"), first);
        connection.send(request(2, "tools/call"), second);

        serverSays("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"sampling/createMessage\",\"params\":{\"maxTokens\":5}}");

        // the session's oldest call carries it
        assertThat(second.asked).isEmpty();
        ServerConnection.ServerRequest asked = first.asked.getFirst();
        assertThat(asked.method()).isEqualTo("sampling/createMessage");
        assertThat(connection.serverRequestCount()).isEqualTo(1);

        assertThat(
                        asked.answer(
                                (ObjectNode)
                                        Json.mapper()
                                                .readTree(
                                                        "{\"jsonrpc\":\"2.0\",\"id\":\"airlock-1\",\"result\":{\"role\":\"assistant\"},\"extra\":1}")))
                .isTrue();
        assertThat(toServer.getLast().path("id").asInt()).isEqualTo(7);
        assertThat(toServer.getLast().path("result").path("role").asString()).isEqualTo("assistant");
        assertThat(toServer.getLast().has("extra")).isFalse();
        // a second answer is not passed on
        assertThat(asked.answer(JsonRpc.result(null, JsonRpc.object()))).isFalse();
        assertThat(asked.refuse(JsonRpc.INTERNAL_ERROR, "late")).isFalse();
        assertThat(toServer.stream().filter(m -> m.path("id").asInt() == 7)).hasSize(1);
        assertThat(connection.serverRequestCount()).isZero();
    }

    @Test
    void twoSessionsWaitingMeansNobodyIsAsked() {
        var mine = new SessionRecorder(new Object());
        var theirs = new SessionRecorder(new Object());
        connection.send(request(1, "tools/call"), mine);
        connection.send(request(1, "tools/call"), theirs);

        serverSays("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"elicitation/create\",\"params\":{}}");

        assertThat(mine.asked).isEmpty();
        assertThat(theirs.asked).isEmpty();
        assertThat(toServer.getLast().path("id").asInt()).isEqualTo(7);
        assertThat(toServer.getLast().path("error").path("message").asString())
                .contains("could not tell which AI app")
                .contains("2 apps");
    }

    @Test
    void theServerCancellingItsRequestReachesWhoeverHoldsIt() {
        var exchange = new SessionRecorder(new Object());
        connection.send(request(1, "tools/call"), exchange);
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"elicitation/create\",\"params\":{}}");
        ServerConnection.ServerRequest asked = exchange.asked.getFirst();
        List<String> heard = new ArrayList<>();
        asked.onCancelled(() -> heard.add("cancelled"));

        serverSays("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");

        assertThat(heard).containsExactly("cancelled");
        assertThat(asked.settled()).isTrue();
        int sent = toServer.size();
        assertThat(asked.answer(JsonRpc.result(null, JsonRpc.object()))).isFalse();
        assertThat(toServer).hasSize(sent);
        assertThat(broadcast).isEmpty();
    }

    @Test
    void cancellingForgetsTheRequestAndTellsTheServer() {
        var exchange = new Recorder();
        long id = connection.send(request(3, "tools/call"), exchange);

        connection.cancel(id, "user pressed stop");
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");

        assertThat(toServer.getLast().path("method").asString()).isEqualTo("notifications/cancelled");
        assertThat(toServer.getLast().path("params").path("requestId").asLong()).isEqualTo(id);
        assertThat(exchange.responses).isEmpty();
    }

    @Test
    void whenTheServerGoesEveryWaitingAndLaterRequestGetsAnError() {
        var waiting = new Recorder();
        connection.send(request(1, "tools/call"), waiting);

        connection.onClosed("it stopped with exit code 137");
        var later = new Recorder();
        connection.send(request(2, "tools/call"), later);

        for (Recorder exchange : List.of(waiting, later)) {
            assertThat(exchange.responses).singleElement().satisfies(r -> {
                assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpc.SERVER_UNAVAILABLE);
                assertThat(r.path("error").path("message").asString())
                        .isEqualTo("The server 'weather' stopped before answering: it stopped with exit code 137."
                                + " Turn it on again to retry.");
            });
        }
        assertThat(waiting.responses.getFirst().get("id").asInt()).isEqualTo(1);
        assertThat(later.responses.getFirst().get("id").asInt()).isEqualTo(2);
    }

    @Test
    void anOversizedAnswerFailsTheRequestItWasFor() {
        var big = new Recorder();
        var other = new Recorder();
        long bigId = connection.send(request(1, "tools/call"), big);
        connection.send(request(2, "tools/call"), other);

        byte[] head = "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"xxxx".getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("xxxx\"}]},\"jsonrpc\":\"2.0\",\"id\":" + bigId + "}").getBytes(StandardCharsets.UTF_8);
        connection.onOversized(40L * 1024 * 1024, head, tail);

        assertThat(big.responses).singleElement().satisfies(r -> {
            assertThat(r.get("id").asInt()).isEqualTo(1);
            assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpc.LIMIT_EXCEEDED);
            assertThat(r.path("error").path("message").asString())
                    .contains("40 MB")
                    .contains("16 MB");
        });
        assertThat(other.responses).isEmpty();
        assertThat(connection.inFlightCount()).isEqualTo(1);
    }

    private void serverSays(String line) {
        connection.onMessage(line.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode request(int id, String method) {
        return JsonRpc.request(id, method, JsonRpc.object());
    }

    private static ObjectNode withProgressToken(ObjectNode request, String token) {
        ((ObjectNode) request.get("params")).putObject("_meta").put("progressToken", token);
        return request;
    }
}
