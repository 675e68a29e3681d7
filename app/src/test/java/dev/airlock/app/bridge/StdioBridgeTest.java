package dev.airlock.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.airlock.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bridge's side of stdio: what an AI app sees for each line it writes. The gateway is a small
 * fake HTTP endpoint that answers as Airlock's does.
 */
@Timeout(60)
class StdioBridgeTest {

    private static final String SESSION = "session-1";

    private HttpServer gateway;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    private PipedOutputStream appWrites;
    private final LinesOut appReads = new LinesOut();
    private CompletableFuture<Integer> bridge;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        gateway.createContext("/mcp/everything", this::answer);
        gateway.start();
    }

    @AfterEach
    void stop() throws IOException {
        releaseSlow.countDown();
        if (appWrites != null) {
            appWrites.close();
        }
        gateway.stop(0);
    }

    @Test
    void aLineThatIsNotJsonGetsAParseErrorAndTheNextMessageIsStillCarried() throws Exception {
        startBridge(endpoint());

        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
        JsonNode error = next();
        assertThat(error.get("id").isNull()).isTrue();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32700);

        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        JsonNode answer = next();
        assertThat(answer.path("id").asInt()).isEqualTo(2);
        assertThat(answer.path("result").path("method").asString()).isEqualTo("ping");
    }

    @Test
    void aLineOverTheGatewaysLimitIsRefusedWithoutReachingItAndTheBridgeGoesOn() throws Exception {
        startBridge(endpoint());

        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"x\":\""
                + "a".repeat(StdioBridge.MAX_MESSAGE_BYTES) + "\"}}";
        send(big);
        JsonNode error = next();
        assertThat(error.get("id").isNull()).isTrue();
        assertThat(error.path("error").path("code").asInt()).isEqualTo(-32001);
        assertThat(error.path("error").path("message").asString()).contains("4 MiB");

        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertThat(next().path("id").asInt()).isEqualTo(2);
        assertThat(received).noneMatch(body -> body.contains("tools/call"));
    }

    @Test
    void aSlowCallDoesNotHoldUpTheNextOne() throws Exception {
        startBridge(endpoint());

        send("{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"slow\"}");
        send("{\"jsonrpc\":\"2.0\",\"id\":\"quick\",\"method\":\"ping\"}");

        // the slow answer is held back until the quick one has come out
        assertThat(next().path("id").asString()).isEqualTo("quick");
        releaseSlow.countDown();
        assertThat(next().path("id").asString()).isEqualTo("slow");
    }

    @Test
    void progressBeforeTheAnswerComesThroughAsSeparateLinesInOrder() throws Exception {
        startBridge(endpoint());

        send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"progress\"}");

        assertThat(next().path("method").asString()).isEqualTo("notifications/progress");
        assertThat(next().path("id").asInt()).isEqualTo(7);
    }

    @Test
    void whenAirlockIsNotRunningARequestIsAnsweredInAPlainSentence() throws Exception {
        EndpointSource nothingRuns = new EndpointSource() {
            @Override
            public GatewayEndpoint endpoint() throws EndpointException {
                throw new EndpointException("Airlock is not running.", true);
            }

            @Override
            public void invalidate(GatewayEndpoint stale, boolean tokenRejected) {}
        };
        startBridge(nothingRuns, Duration.ZERO);

        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");

        JsonNode error = next();
        assertThat(error.path("id").asInt()).isEqualTo(1);
        assertThat(error.path("error").path("message").asString())
                .isEqualTo("Airlock is not running; start it and try again.");
    }

    @Test
    void whenStdinEndsTheSessionIsEndedAndTheBridgeExitsWithZero() throws Exception {
        startBridge(endpoint());
        send(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}");
        assertThat(next().path("result").path("protocolVersion").asString()).isEqualTo("2025-06-18");

        appWrites.close();

        assertThat(bridge.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(received).contains("DELETE " + SESSION);
    }

    // --- the fake gateway -----------------------------------------------------------------------------

    private void answer(HttpExchange exchange) throws IOException {
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        switch (exchange.getRequestMethod()) {
            case "DELETE" -> {
                received.add("DELETE " + session);
                reply(exchange, 204, null, null);
                return;
            }
            case "GET" -> {
                reply(exchange, 405, null, null);
                return;
            }
            default -> {}
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(body);
        JsonNode message = Json.mapper().readTree(body);
        if (!message.has("id")) {
            reply(exchange, 202, null, null);
            return;
        }
        String method = message.path("method").asString();
        ObjectNode result = Json.mapper().createObjectNode().put("method", method);
        if (method.equals("initialize")) {
            result.put("protocolVersion", "2025-06-18");
            exchange.getResponseHeaders().add("Mcp-Session-Id", SESSION);
        }
        if (method.equals("slow")) {
            try {
                releaseSlow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ObjectNode response = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
        response.set("id", message.get("id"));
        response.set("result", result);
        if (method.equals("progress")) {
            String progress = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}";
            reply(
                    exchange,
                    200,
                    "text/event-stream",
                    "event: message\ndata: " + progress + "\n\nevent: message\ndata: "
                            + Json.mapper().writeValueAsString(response) + "\n\n");
            return;
        }
        reply(exchange, 200, "application/json", Json.mapper().writeValueAsString(response));
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // --- the app's side --------------------------------------------------------------------------------

    private EndpointSource endpoint() {
        var fixed = new GatewayEndpoint(
                URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/mcp/everything"), "alk_test");
        return new EndpointSource() {
            @Override
            public GatewayEndpoint endpoint() {
                return fixed;
            }

            @Override
            public void invalidate(GatewayEndpoint stale, boolean tokenRejected) {}
        };
    }

    private void startBridge(EndpointSource endpoints) throws IOException {
        startBridge(endpoints, Duration.ofSeconds(5));
    }

    private void startBridge(EndpointSource endpoints, Duration waitLimit) throws IOException {
        appWrites = new PipedOutputStream();
        var stdin = new PipedInputStream(appWrites, 64 * 1024);
        var stdio = new StdioBridge(stdin, appReads, endpoints, waitLimit);
        bridge = CompletableFuture.supplyAsync(stdio::run);
    }

    private void send(String line) throws IOException {
        appWrites.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        appWrites.flush();
    }

    private JsonNode next() throws InterruptedException {
        return Json.mapper().readTree(appReads.lines.take());
    }

    /** The bridge's stdout, cut into the lines the app reads. */
    private static final class LinesOut extends OutputStream {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
