package dev.airlock.runtime.remote;

import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP's older HTTP+SSE transport (protocol 2024-11-05), client side: one long GET stream carries
 * everything the server says; its first {@code endpoint} event names where to POST messages. That
 * address is taken only when it has the stream's own origin, so a server cannot send Airlock — and
 * the user's token — anywhere else.
 */
public final class SseClientTransport implements RemoteTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SseClientTransport.class);
    private static final int MAX_ENDPOINT_CHARS = 2048;
    private static final Pattern VISIBLE = Pattern.compile("[\\x21-\\x7e]+");

    private final RemoteTarget target;
    private final HttpClient http;
    private final BearerTokens tokens;
    private final RemoteListener listener;
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile InputStream stream;

    private SseClientTransport(RemoteTarget target, HttpClient http, BearerTokens tokens, RemoteListener listener) {
        this.target = target;
        this.http = http;
        this.tokens = tokens;
        this.listener = listener;
    }

    static SseClientTransport open(
            RemoteTarget target, HttpClient http, BearerTokens tokens, RemoteListener listener, Duration timeout)
            throws RemoteException, InterruptedException {
        var transport = new SseClientTransport(target, http, tokens, listener);
        transport.connect(timeout);
        return transport;
    }

    private void connect(Duration timeout) throws RemoteException, InterruptedException {
        HttpResponse<InputStream> response = openStream();
        stream = response.body();
        Thread.ofVirtual().name("remote-sse").start(() -> read(response.body()));
        try {
            URI address = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Remote server {} takes messages at {}", target.host(), address.getRawPath());
        } catch (TimeoutException e) {
            close();
            throw new RemoteException(target.garbage(
                    "it did not say within %d seconds where to send messages".formatted(timeout.toSeconds())));
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RemoteException remote) {
                throw remote;
            }
            throw new RemoteException(target.garbage("its stream failed"), e.getCause());
        }
    }

    private HttpResponse<InputStream> openStream() throws RemoteException, InterruptedException {
        boolean renewed = false;
        while (true) {
            Optional<String> token = tokens.current();
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(target.url()).GET().header("Accept", "text/event-stream");
            token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                LOG.warn("Remote server {} unreachable: {}", target.host(), e.toString());
                throw new RemoteException(target.unreachable(e), e);
            }
            int status = response.statusCode();
            if (status == 401 && token.isPresent() && !renewed) {
                StreamableHttpClientTransport.discard(response);
                tokens.rejected(token.get());
                renewed = true;
                continue;
            }
            if (status == 401 || status == 403) {
                StreamableHttpClientTransport.discard(response);
                throw new RemoteException(target.refused(status));
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status != 200 || !type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                StreamableHttpClientTransport.discard(response);
                LOG.warn("Remote server {} answered its stream with HTTP {} ({})", target.host(), status, type);
                throw new RemoteException(target.garbage("HTTP %d, not an event stream".formatted(status)));
            }
            return response;
        }
    }

    private void read(InputStream body) {
        try (body) {
            new SseReader(body, MAX_MESSAGE_BYTES).readAll(new SseReader.Handler() {
                @Override
                public void onEvent(SseEvent event) {
                    switch (event.type()) {
                        case "endpoint" -> onEndpoint(event.text());
                        case "message" -> {
                            if (endpoint.isDone() && !closed.get()) {
                                listener.onMessage(event.data());
                            } else {
                                LOG.debug(
                                        "Remote server {} sent a message before its endpoint; ignored", target.host());
                            }
                        }
                        default ->
                            LOG.debug(
                                    "Remote server {} sent an event of type '{}'; ignored",
                                    target.host(),
                                    event.type());
                    }
                }

                @Override
                public void onOversized(long size, byte[] head, byte[] tail) {
                    if (!closed.get()) {
                        listener.onOversized(size, head, tail);
                    }
                }
            });
            ended(new IOException("the server closed the stream"));
        } catch (IOException e) {
            ended(e);
        }
    }

    private void onEndpoint(String data) {
        if (endpoint.isDone()) {
            LOG.warn("Remote server {} named its endpoint again; kept the first", target.host());
            return;
        }
        try {
            endpoint.complete(postAddress(target, data));
        } catch (RemoteException e) {
            endpoint.completeExceptionally(e);
        }
    }

    private void ended(IOException cause) {
        if (!endpoint.isDone()) {
            endpoint.completeExceptionally(new RemoteException(
                    target.garbage("it closed its stream before saying where to send messages"), cause));
            return;
        }
        fail(target.lost(cause), cause);
    }

    /**
     * Where the server's {@code endpoint} event says to POST messages: resolved against the stream's
     * address, and refused unless it has the same origin (scheme, host and port).
     */
    static URI postAddress(RemoteTarget target, String data) throws RemoteException {
        String text = data.strip();
        if (text.isEmpty()
                || text.length() > MAX_ENDPOINT_CHARS
                || !VISIBLE.matcher(text).matches()) {
            throw new RemoteException(target.garbage("an unusable address to send messages to"));
        }
        URI resolved;
        try {
            resolved = target.url().resolve(new URI(text));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new RemoteException(target.garbage("an unusable address to send messages to"), e);
        }
        if (resolved.getRawUserInfo() != null || !RemoteTransport.sameOrigin(target.url(), resolved)) {
            LOG.warn("Remote server {} named an endpoint at another origin: {}", target.host(), resolved.getHost());
            throw new RemoteException(target.garbage("it asked for messages to go to another address ("
                    + (resolved.getHost() == null ? "unknown" : resolved.getHost()) + ")"));
        }
        return resolved;
    }

    @Override
    public boolean send(byte[] message) {
        if (closed.get() || !endpoint.isDone() || endpoint.isCompletedExceptionally()) {
            return false;
        }
        URI address = endpoint.join();
        Outgoing outgoing = Outgoing.of(message);
        boolean renewed = false;
        while (true) {
            Optional<String> token;
            try {
                token = tokens.current();
            } catch (RemoteException e) {
                fail(e.failure(), e);
                return false;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(address)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(message))
                    .timeout(StreamableHttpClientTransport.SHORT_REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json");
            token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                fail(target.lost(e), e);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            StreamableHttpClientTransport.discard(response);
            int status = response.statusCode();
            if (status == 401 && token.isPresent() && !renewed) {
                tokens.rejected(token.get());
                renewed = true;
                continue;
            }
            if (status == 401 || status == 403) {
                fail(target.refused(status), null);
                return false;
            }
            if (status / 100 != 2) {
                LOG.warn("Remote server {} answered a message with HTTP {}", target.host(), status);
                if (outgoing.isRequest()) {
                    listener.onMessage(outgoing.error(
                            JsonRpc.SERVER_UNAVAILABLE,
                            "The server '%s' answered HTTP %d. Try again later; if it keeps happening, ask IT."
                                    .formatted(target.title(), status)));
                }
            }
            return true;
        }
    }

    private void fail(RemoteFailure failure, Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.warn("Remote server {} ({}): {}", target.title(), target.host(), failure.brief(), cause);
        closeStream();
        listener.onClosed(failure);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeStream();
        }
    }

    private void closeStream() {
        InputStream body = stream;
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                LOG.debug("Closing the stream of {} failed: {}", target.host(), e.toString());
            }
        }
    }
}
