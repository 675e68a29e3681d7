package dev.airlock.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    static final class Recorder implements ServerConnection.Exchange {
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
    void serverPingIsAnsweredAndOtherServerRequestsAreRefused() {
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":\"p1\",\"method\":\"ping\"}");
        serverSays("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"sampling/createMessage\",\"params\":{}}");

        assertThat(toServer).hasSize(2);
        assertThat(toServer.get(0).path("id").asString()).isEqualTo("p1");
        assertThat(toServer.get(0).has("result")).isTrue();
        assertThat(toServer.get(1).path("error").path("code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
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
