package dev.airlock.runtime.remote;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP+SSE client against a server written here that says what the test needs: a foreign
 * endpoint, none at all, or a message over the limit.
 */
class SseClientTransportTest {

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Long> oversized = new CopyOnWriteArrayList<>();
    private final List<RemoteFailure> closed = new CopyOnWriteArrayList<>();
    private final RemoteListener listener = new RemoteListener() {
        @Override
        public void onMessage(byte[] message) {
            messages.add(new String(message, UTF_8));
        }

        @Override
        public void onOversized(long size, byte[] head, byte[] tail) {
            oversized.add(size);
        }

        @Override
        public void onClosed(RemoteFailure failure) {
            closed.add(failure);
        }
    };

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server whose stream sends {@code events}, then stays open until the test ends. */
    private RemoteTarget serving(String events) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/sse", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(events.getBytes(UTF_8));
                out.flush();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return new RemoteTarget(
                "Weather", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sse"));
    }

    private SseClientTransport open(RemoteTarget target, Duration timeout) throws Exception {
        return SseClientTransport.open(
                target, RemoteTransport.httpClient(Duration.ofSeconds(10)), BearerTokens.NONE, listener, timeout);
    }

    @Test
    void anEndpointAtAnotherOriginIsRefusedBeforeAnythingIsSent() throws Exception {
        RemoteTarget target = serving("event: endpoint\ndata: http://127.0.0.2:9/message\n\n");

        assertThatThrownBy(() -> open(target, Duration.ofSeconds(30)))
                .isInstanceOf(RemoteException.class)
                .hasMessage("The Weather server at " + target.host()
                        + " gave an answer Airlock cannot use (it asked for messages to go to another address"
                        + " (127.0.0.2)). Ask IT to check the server.");
    }

    @Test
    void aServerThatNeverNamesItsEndpointFailsAfterTheWait() throws Exception {
        RemoteTarget target = serving("data: {\"jsonrpc\":\"2.0\",\"method\":\"early\"}\n\n");

        assertThatThrownBy(() -> open(target, Duration.ofSeconds(1)))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("it did not say within 1 seconds where to send messages");
        assertThat(messages).isEmpty();
    }

    @Test
    void aMessageOverTheLimitIsDroppedAndTheNextOneArrives() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"method\":\"big\",\"params\":{\"x\":\""
                + "x".repeat(RemoteTransport.MAX_MESSAGE_BYTES) + "\"}}";
        RemoteTarget target = serving("event: endpoint\ndata: /message?s=1\n\n" + "data: " + big + "\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"method\":\"small\"}\n\n");

        try (SseClientTransport transport = open(target, Duration.ofSeconds(30))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !messages.isEmpty());

            assertThat(oversized).containsExactly((long) big.length());
            assertThat(messages).containsExactly("{\"jsonrpc\":\"2.0\",\"method\":\"small\"}");
            assertThat(closed).isEmpty();
        }
    }

    @Test
    void aStreamThatEndsAfterTheEndpointEndsTheTransportWithAReason() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var ended = new CountDownLatch(1);
        server.createContext("/sse", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("event: endpoint\ndata: /message\n\n".getBytes(UTF_8));
                out.flush();
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        var target = new RemoteTarget(
                "Weather", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sse"));

        try (SseClientTransport transport = open(target, Duration.ofSeconds(30))) {
            ended.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> !closed.isEmpty());

            assertThat(closed.getFirst().forPeople())
                    .startsWith("The connection to the Weather server at " + target.host() + " was lost (");
            assertThat(transport.send("{\"jsonrpc\":\"2.0\",\"method\":\"late\"}".getBytes(UTF_8)))
                    .isFalse();
        }
    }
}
