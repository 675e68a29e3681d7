package dev.airlock.runtime.remote;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP's Streamable HTTP transport, client side. Each request is POSTed on a thread of its own and its
 * answer — plain JSON or a stream of events ending with the response — is read there, so a long call
 * never holds up the others. The session id from the {@code initialize} answer goes on every later
 * request, with the negotiated protocol version. A GET stream carries the server's own messages when
 * the server offers one (405 means it does not), and is reopened with backoff when it drops; when
 * the server cannot be reached three times in a row, it is gone.
 *
 * <p>A 404 while a session is open means the server lost the session: Airlock starts a new one and
 * the call that met the 404 gets an error saying to try again. A lost connection ends the transport:
 * every waiting call gets an error and the server shows as failed.
 */
public final class StreamableHttpClientTransport implements RemoteTransport {

    private static final Logger LOG = LoggerFactory.getLogger(StreamableHttpClientTransport.class);

    static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration END_SESSION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int UNREACHABLE_ATTEMPTS = 3;
    // what goes back into a header must be visible ASCII (MCP says the same of session ids)
    private static final Pattern SESSION_ID = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final Pattern PROTOCOL_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final RemoteTarget target;
    private final HttpClient http;
    private final BearerTokens tokens;
    private final RemoteListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean listening = new AtomicBoolean();
    private final Set<InputStream> openBodies = ConcurrentHashMap.newKeySet();
    private final AtomicLong restarts = new AtomicLong();
    private final Object sessionLock = new Object();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile byte[] initializeMessage;

    StreamableHttpClientTransport(RemoteTarget target, HttpClient http, BearerTokens tokens, RemoteListener listener) {
        this.target = target;
        this.http = http;
        this.tokens = tokens;
        this.listener = listener;
    }

    @Override
    public boolean send(byte[] message) {
        if (closed.get()) {
            return false;
        }
        Outgoing outgoing = Outgoing.of(message);
        if (outgoing.isRequest()) {
            if (outgoing.isInitialize()) {
                initializeMessage = message;
            }
            Thread.ofVirtual().name("remote-call").start(() -> call(message, outgoing));
            return true;
        }
        // notifications and answers: the server only acknowledges them, so they go in order, now
        HttpResponse<InputStream> response = post(message, outgoing);
        if (response == null) {
            return false;
        }
        discard(response);
        if (response.statusCode() / 100 != 2) {
            LOG.info(
                    "Remote server {} answered HTTP {} to a {}",
                    target.host(),
                    response.statusCode(),
                    outgoing.method() == null ? "response" : "notification");
        }
        return true;
    }

    /** One request and its whole answer. */
    private void call(byte[] message, Outgoing request) {
        String sentWithSession = sessionId;
        HttpResponse<InputStream> response = post(message, request);
        if (response == null) {
            return;
        }
        int status = response.statusCode();
        if (status == 404 && sentWithSession != null) {
            discard(response);
            LOG.info("Remote server {} no longer knows Airlock's session; starting a new one", target.host());
            restartSession(sentWithSession);
            answer(
                    request,
                    "The server '%s' had lost its session with Airlock, so Airlock started a new one. Try again."
                            .formatted(target.title()));
            return;
        }
        if (status / 100 != 2 || status == 202) {
            discard(response);
            LOG.warn("Remote server {} answered a {} request with HTTP {}", target.host(), request.method(), status);
            if (request.isInitialize()) {
                fail(target.garbage("HTTP " + status), null);
            } else {
                answer(
                        request,
                        "The server '%s' answered HTTP %d. Try again later; if it keeps happening, ask IT."
                                .formatted(target.title(), status));
            }
            return;
        }
        if (request.isInitialize() && !takeSession(response)) {
            return;
        }
        if (!readAnswer(response, request, true)) {
            if (!closed.get()) {
                answer(
                        request,
                        "The server '%s' ended its answer without a result. Try again.".formatted(target.title()));
            }
        }
    }

    /**
     * POSTs a message with the user's token, and once more with a fresh token after a 401.
     *
     * @return the response to read; null when the transport failed (the listener heard why)
     */
    private HttpResponse<InputStream> post(byte[] message, Outgoing outgoing) {
        boolean renewed = false;
        while (true) {
            Optional<String> token;
            try {
                token = tokens.current();
            } catch (RemoteException e) {
                fail(e.failure(), e);
                return null;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(message))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream");
            if (!outgoing.isRequest()) {
                request.timeout(SHORT_REQUEST_TIMEOUT);
            }
            headers(request, token);
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                fail(sessionId == null ? target.unreachable(e) : target.lost(e), e);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            int status = response.statusCode();
            if (status == 401 && token.isPresent() && !renewed) {
                discard(response);
                LOG.info("Remote server {} refused the token (HTTP 401); getting a fresh one", target.host());
                tokens.rejected(token.get());
                renewed = true;
                continue;
            }
            if (status == 401 || status == 403) {
                discard(response);
                fail(target.refused(status), null);
                return null;
            }
            return response;
        }
    }

    private void headers(HttpRequest.Builder request, Optional<String> token) {
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        String session = sessionId;
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        String version = protocolVersion;
        if (version != null) {
            request.header("MCP-Protocol-Version", version);
        }
    }

    /** The session id from an initialize answer; false (and the transport failed) when it is unusable. */
    private boolean takeSession(HttpResponse<InputStream> response) {
        Optional<String> session = response.headers().firstValue("Mcp-Session-Id");
        if (session.isPresent() && !SESSION_ID.matcher(session.get()).matches()) {
            discard(response);
            fail(target.garbage("an unusable session id"), null);
            return false;
        }
        sessionId = session.orElse(null);
        return true;
    }

    /**
     * Reads a request's answer, passing every message on to the listener (the request's own answer
     * only when {@code deliverAnswer}).
     *
     * @return whether the answer to the request was among them
     */
    private boolean readAnswer(HttpResponse<InputStream> response, Outgoing request, boolean deliverAnswer) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        InputStream body = response.body();
        openBodies.add(body);
        try (body) {
            if (type.startsWith("text/event-stream")) {
                var answered = new AtomicBoolean();
                new SseReader(body, MAX_MESSAGE_BYTES).readAll(new SseReader.Handler() {
                    @Override
                    public void onEvent(SseEvent event) {
                        if (event.type().equals("message") && fromServer(event.data(), request, deliverAnswer)) {
                            answered.set(true);
                        }
                    }

                    @Override
                    public void onOversized(long size, byte[] head, byte[] tail) {
                        listener.onOversized(size, head, tail);
                    }
                });
                return answered.get();
            }
            if (type.startsWith("application/json")) {
                byte[] bytes = body.readNBytes(MAX_MESSAGE_BYTES + 1);
                if (bytes.length > MAX_MESSAGE_BYTES) {
                    LOG.warn(
                            "Remote server {} answered with more than {} bytes; dropped",
                            target.host(),
                            MAX_MESSAGE_BYTES);
                    listener.onMessage(request.error(
                            JsonRpc.LIMIT_EXCEEDED,
                            "The server '%s' answered with more than Airlock accepts (%d MB); the answer was dropped."
                                    .formatted(target.title(), MAX_MESSAGE_BYTES / (1024 * 1024))));
                    return true;
                }
                return fromServer(bytes, request, deliverAnswer);
            }
            LOG.warn("Remote server {} answered with content type '{}'", target.host(), type);
            if (request.isInitialize() || !deliverAnswer) {
                fail(target.garbage("content of type '" + type + "'"), null);
            }
            return false;
        } catch (IOException e) {
            if (!closed.get()) {
                fail(target.lost(e), e);
            }
            return false;
        } finally {
            openBodies.remove(body);
        }
    }

    /**
     * One message (or a batch of them) from the server. Notes the protocol version from an initialize
     * answer, and starts listening for the server's own messages once a session is open.
     *
     * @return whether it answered the request
     */
    private boolean fromServer(byte[] bytes, Outgoing request, boolean deliverAnswer) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(bytes);
        } catch (JacksonException e) {
            LOG.warn(
                    "Remote server {} sent a message that is not JSON ({} bytes); ignored it",
                    target.host(),
                    bytes.length);
            return false;
        }
        if (message.isArray()) {
            boolean answered = false;
            for (JsonNode one : message) {
                answered |= fromServer(Json.mapper().writeValueAsBytes(one), request, deliverAnswer);
            }
            return answered;
        }
        boolean answer =
                message.isObject() && !message.has("method") && request.id().equals(message.get("id"));
        if (answer && request.isInitialize()) {
            JsonNode version = message.path("result").path("protocolVersion");
            if (version.isString()
                    && PROTOCOL_VERSION.matcher(version.asString()).matches()) {
                protocolVersion = version.asString();
            }
            if (message.path("result").isObject() && listening.compareAndSet(false, true)) {
                Thread.ofVirtual().name("remote-listen").start(this::listen);
            }
        }
        if (!answer || deliverAnswer) {
            listener.onMessage(bytes);
        }
        return answer;
    }

    /** The server's own stream (GET), reopened with backoff while the transport lives. */
    private void listen() {
        Duration backoff = FIRST_BACKOFF;
        boolean renewed = false;
        int unreachable = 0;
        while (!closed.get()) {
            try {
                Optional<String> token = tokens.current();
                HttpRequest.Builder request =
                        HttpRequest.newBuilder(target.url()).GET().header("Accept", "text/event-stream");
                headers(request, token);
                HttpResponse<InputStream> response;
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                    unreachable = 0;
                } catch (IOException e) {
                    // a server that cannot be reached again and again is gone, even with no call waiting
                    if (++unreachable >= UNREACHABLE_ATTEMPTS) {
                        fail(target.lost(e), e);
                        return;
                    }
                    throw e;
                }
                int status = response.statusCode();
                if (status == 405) {
                    discard(response);
                    LOG.debug("Remote server {} offers no stream of its own", target.host());
                    return;
                }
                if (status == 401 && token.isPresent() && !renewed) {
                    discard(response);
                    tokens.rejected(token.get());
                    renewed = true;
                    continue;
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (status == 200 && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                    backoff = FIRST_BACKOFF;
                    renewed = false;
                    InputStream body = response.body();
                    openBodies.add(body);
                    try (body) {
                        new SseReader(body, MAX_MESSAGE_BYTES).readAll(new SseReader.Handler() {
                            @Override
                            public void onEvent(SseEvent event) {
                                if (event.type().equals("message")) {
                                    listener.onMessage(event.data());
                                }
                            }

                            @Override
                            public void onOversized(long size, byte[] head, byte[] tail) {
                                listener.onOversized(size, head, tail);
                            }
                        });
                    } finally {
                        openBodies.remove(body);
                    }
                } else {
                    discard(response);
                    LOG.info("Remote server {} answered its stream with HTTP {} ({})", target.host(), status, type);
                }
            } catch (RemoteException e) {
                LOG.info(
                        "Not listening to remote server {}: {}",
                        target.host(),
                        e.failure().brief());
                return;
            } catch (IOException e) {
                LOG.debug("The stream of remote server {} ended: {}", target.host(), e.toString());
            } catch (InterruptedException e) {
                return;
            }
            if (closed.get()) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /**
     * Starts a new session after the server lost the one Airlock had: the same initialize as before,
     * under an id of its own, whose answer no client waits for.
     */
    private void restartSession(String lost) {
        synchronized (sessionLock) {
            if (!lost.equals(sessionId) || closed.get()) {
                return; // another call already started the new one
            }
            sessionId = null;
            byte[] initialize = initializeMessage;
            ObjectNode again = (ObjectNode) Json.mapper().readTree(initialize);
            again.put("id", "airlock-restart-" + restarts.incrementAndGet());
            byte[] message = Json.mapper().writeValueAsBytes(again);
            Outgoing request = Outgoing.of(message);
            HttpResponse<InputStream> response = post(message, request);
            if (response == null) {
                return;
            }
            if (response.statusCode() / 100 != 2 || response.statusCode() == 202) {
                discard(response);
                fail(target.garbage("HTTP " + response.statusCode() + " to a new session"), null);
                return;
            }
            if (!takeSession(response) || !readAnswer(response, request, false)) {
                fail(target.garbage("no answer to a new session"), null);
                return;
            }
            byte[] initialized =
                    Json.mapper().writeValueAsBytes(JsonRpc.notification("notifications/initialized", null));
            HttpResponse<InputStream> acknowledged = post(initialized, Outgoing.of(initialized));
            if (acknowledged != null) {
                discard(acknowledged);
            }
        }
    }

    private void answer(Outgoing request, String message) {
        listener.onMessage(request.error(JsonRpc.SERVER_UNAVAILABLE, message));
    }

    /** Ends the transport because the server cannot be used; the listener hears why, once. */
    private void fail(RemoteFailure failure, Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.warn("Remote server {} ({}): {}", target.title(), target.host(), failure.brief(), cause);
        closeBodies();
        listener.onClosed(failure);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeBodies();
        String session = sessionId;
        if (session != null) {
            endSession(session); // briefly: a server that does not answer must not hold up turning it off
        }
    }

    private void endSession(String session) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                    .DELETE()
                    .timeout(END_SESSION_TIMEOUT)
                    .header("Mcp-Session-Id", session);
            tokens.current().ifPresent(value -> request.header("Authorization", "Bearer " + value));
            String version = protocolVersion;
            if (version != null) {
                request.header("MCP-Protocol-Version", version);
            }
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            LOG.debug("Ended the session at remote server {}: HTTP {}", target.host(), status);
        } catch (RemoteException | IOException e) {
            LOG.debug("Could not end the session at remote server {}: {}", target.host(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeBodies() {
        for (InputStream body : openBodies) {
            try {
                body.close();
            } catch (IOException e) {
                LOG.debug("Closing a stream of {} failed: {}", target.host(), e.toString());
            }
        }
    }

    /** Drops a response's body: a short one is read so the connection can be reused, any other is cut. */
    static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.headers().firstValueAsLong("Content-Length").orElse(Long.MAX_VALUE) <= 64 * 1024) {
                body.readAllBytes();
            }
        } catch (IOException e) {
            // nothing to do: the connection is dropped instead
        }
    }
}
