package dev.airlock.app.bridge;

import dev.airlock.app.bridge.StdinLines.Line;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries MCP between an AI app that speaks stdio and Airlock's gateway (Streamable HTTP): each line
 * on stdin is POSTed, each answer and notification becomes a line on stdout. Requests run
 * concurrently, so a slow tool call does not hold up the next one.
 *
 * <p>The app sees one session for as long as it runs. When the gateway forgets the session (Airlock
 * or the server restarted), the bridge opens a new one with the app's own {@code initialize}
 * parameters and sends the request again, once. While Airlock is not running, it waits for it, up
 * to a limit, and then answers in a plain sentence.
 */
public final class StdioBridge {

    private static final Logger LOG = LoggerFactory.getLogger(StdioBridge.class);

    /** The gateway's request body limit. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /** How long a request waits for Airlock to come back before it is answered with an error. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    static final String NOT_RUNNING = "Airlock is not running; start it and try again.";

    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /** After stdin ends, how long answers still on their way may take before the session ends. */
    private static final Duration END_GRACE = Duration.ofSeconds(10);

    private final InputStream in;
    private final StdoutMessages out;
    private final EndpointSource endpoints;
    private final Duration waitLimit;
    private final HttpClient http;
    private final AtomicLong ownIds = new AtomicLong();

    private final Object sessionLock = new Object();
    private volatile String sessionId;
    private volatile String protocolVersion;
    /** The app's own {@code initialize} params: what a new session is opened with. */
    private volatile JsonNode initializeParams;
    /** The open GET stream of the gateway's own notifications, to close when the session changes. */
    private InputStream notificationStream;

    public StdioBridge(InputStream in, OutputStream out, EndpointSource endpoints, Duration waitLimit) {
        this.in = in;
        this.out = new StdoutMessages(out);
        this.endpoints = endpoints;
        this.waitLimit = waitLimit;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Runs until stdin ends, then ends the session; returns the exit code. */
    public int run() {
        var lines = new StdinLines(new BufferedInputStream(in, 64 * 1024), MAX_MESSAGE_BYTES);
        ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (Line line = lines.next(); line != null; line = lines.next()) {
                switch (line) {
                    case Line.TooLong() ->
                        out.write(JsonRpc.error(
                                null,
                                JsonRpc.LIMIT_EXCEEDED,
                                "The message is larger than 4 MiB, the most Airlock's gateway accepts."));
                    case Line.Text(byte[] bytes) -> accept(bytes, calls);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot read from the AI app any more: {}", e.getMessage());
        }
        calls.shutdown();
        try {
            if (!calls.awaitTermination(END_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endSession();
        http.shutdownNow(); // close() would wait for a request the grace period gave up on
        return 0;
    }

    private void accept(byte[] bytes, ExecutorService calls) {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = Json.mapper().readTree(bytes);
        } catch (JacksonException e) {
            out.write(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "The message is not JSON: " + e.getOriginalMessage()));
            return;
        }
        if (!(message instanceof ObjectNode object)) {
            out.write(JsonRpc.error(
                    null,
                    JsonRpc.INVALID_REQUEST,
                    "Send one JSON-RPC message per line, as a JSON object; batches are not supported."));
            return;
        }
        calls.execute(() -> forward(bytes, object));
    }

    // --- one message from the app --------------------------------------------------------------------

    private void forward(byte[] body, ObjectNode message) {
        JsonNode id = message.has("method") ? message.get("id") : null;
        boolean request = id != null && !id.isNull();
        boolean initialize = request && "initialize".equals(JsonRpc.method(message));
        try {
            HttpResponse<InputStream> response = post(body, initialize);
            deliver(response, request ? id : null, initialize ? message.get("params") : null);
        } catch (Failure f) {
            if (request) {
                out.write(JsonRpc.error(id, f.code, f.getMessage()));
            } else {
                LOG.warn("A notification from the AI app did not reach Airlock: {}", f.getMessage());
            }
        }
    }

    /**
     * POSTs a message, through what may happen meanwhile: Airlock not running (wait), the token
     * replaced (ask for the shared one, once), the session gone (a new session, and the message
     * again, once).
     */
    private HttpResponse<InputStream> post(byte[] body, boolean initialize) throws Failure {
        Instant deadline = Instant.now().plus(waitLimit);
        Duration backoff = FIRST_BACKOFF;
        boolean sentAgain = false;
        boolean reauthorized = false;
        String session = initialize ? null : sessionId;
        while (true) {
            GatewayEndpoint endpoint = endpointOrWait(deadline, backoff);
            if (endpoint == null) {
                backoff = next(backoff);
                continue;
            }
            if (!initialize && session == null && initializeParams != null) {
                session = renew(null); // an earlier renewal failed: try again now
            }
            HttpResponse<InputStream> response;
            try {
                response = send(post(endpoint, session, body));
            } catch (ConnectException e) {
                endpoints.invalidate(endpoint, false);
                backoff = waitOrFail(deadline, backoff, NOT_RUNNING);
                continue;
            } catch (IOException e) {
                // the connection broke mid-request: Airlock stopped, or restarted under it
                endpoints.invalidate(endpoint, false);
                if (sentAgain) {
                    throw new Failure(JsonRpc.SERVER_UNAVAILABLE, NOT_RUNNING);
                }
                sentAgain = true;
                continue;
            }
            int status = response.statusCode();
            if (status == 401 && !reauthorized) {
                drain(response);
                endpoints.invalidate(endpoint, true);
                reauthorized = true;
                continue;
            }
            if (status == 404 && session != null && !sentAgain) {
                drain(response);
                sentAgain = true;
                session = renew(session);
                continue;
            }
            return response;
        }
    }

    /** Hands the gateway's answer to the app: JSON, an SSE stream of messages, or an error for the request. */
    private void deliver(HttpResponse<InputStream> response, JsonNode requestId, JsonNode initializeParams)
            throws Failure {
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 200 && isEventStream(response)) {
                SseEvents.read(body, data -> {
                    if (initializeParams != null) {
                        opened(response, data, initializeParams);
                    }
                    out.write(data);
                });
            } else if (status == 200) {
                String json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                if (initializeParams != null) {
                    opened(response, json, initializeParams);
                }
                out.write(json);
            } else if (status >= 300 && requestId != null) {
                out.write(refusal(requestId, status, body.readAllBytes()));
            } else if (status >= 300) {
                LOG.warn(
                        "Airlock's gateway refused a notification from the AI app: {}",
                        refusal(null, status, body.readAllBytes())
                                .path("error")
                                .path("message")
                                .asString());
            }
        } catch (IOException e) {
            // the answer broke off: the request may have run, so it is not sent again
            throw new Failure(JsonRpc.SERVER_UNAVAILABLE, "The connection to Airlock broke before the answer came.");
        }
        if (initializeParams != null && status == 200) {
            openNotificationStream(sessionId);
        }
    }

    /** The app's initialize succeeded: the new session is the one every later message uses. */
    private void opened(HttpResponse<InputStream> response, String json, JsonNode params) {
        String id = response.headers().firstValue(SESSION_HEADER).orElse(null);
        try {
            JsonNode result = Json.mapper().readTree(json).path("result");
            if (result.isMissingNode()) {
                return; // a progress notification, not the answer
            }
            synchronized (sessionLock) {
                closeNotificationStream();
                sessionId = id;
                initializeParams = params == null ? Json.mapper().createObjectNode() : params.deepCopy();
                protocolVersion = result.path("protocolVersion").isString()
                        ? result.path("protocolVersion").asString()
                        : null;
            }
        } catch (JacksonException e) {
            LOG.warn("Airlock's gateway answered initialize with something that is not JSON");
        }
    }

    // --- a new session when the old one is gone ------------------------------------------------------

    /**
     * Opens a new session with the app's original {@code initialize} parameters, unless another
     * request already did, and returns its id. The app is not told: to it, the session never ended.
     */
    private String renew(String stale) throws Failure {
        synchronized (sessionLock) {
            if (sessionId != null && !sessionId.equals(stale)) {
                return sessionId;
            }
            closeNotificationStream();
            sessionId = null;
            JsonNode params = initializeParams;
            if (params == null) {
                throw new Failure(
                        JsonRpc.INVALID_REQUEST, "The session with Airlock ended; send initialize to start a new one.");
            }
            ObjectNode initialize = JsonRpc.request(
                    "airlock-bridge-" + ownIds.incrementAndGet(), "initialize", (ObjectNode) params.deepCopy());
            byte[] body = Json.mapper().writeValueAsBytes(initialize);
            Instant deadline = Instant.now().plus(waitLimit);
            Duration backoff = FIRST_BACKOFF;
            boolean reauthorized = false;
            while (true) {
                GatewayEndpoint endpoint = endpointOrWait(deadline, backoff);
                if (endpoint == null) {
                    backoff = next(backoff);
                    continue;
                }
                HttpResponse<InputStream> response;
                try {
                    response = send(post(endpoint, null, body));
                } catch (IOException e) {
                    endpoints.invalidate(endpoint, false);
                    backoff = waitOrFail(deadline, backoff, NOT_RUNNING);
                    continue;
                }
                int status = response.statusCode();
                byte[] answer = readAll(response);
                if (status == 200) {
                    String id = response.headers().firstValue(SESSION_HEADER).orElse(null);
                    JsonNode result = initializeResult(response, answer);
                    if (id == null || result == null) {
                        throw new Failure(
                                JsonRpc.INTERNAL_ERROR, "Airlock's gateway did not open a new session for the bridge.");
                    }
                    sessionId = id;
                    protocolVersion = result.path("protocolVersion").isString()
                            ? result.path("protocolVersion").asString()
                            : protocolVersion;
                    notifyInitialized(endpoint, id);
                    openNotificationStream(id);
                    LOG.warn("Airlock's gateway had ended the session; the bridge opened a new one");
                    return id;
                }
                if (status == 401 && !reauthorized) {
                    endpoints.invalidate(endpoint, true);
                    reauthorized = true;
                    continue;
                }
                JsonNode error = refusal(null, status, answer).path("error");
                if (status == 503) {
                    // the server is still starting after a restart: worth the wait
                    backoff =
                            waitOrFail(deadline, backoff, error.path("message").asString(NOT_RUNNING));
                    continue;
                }
                throw new Failure(
                        error.path("code").asInt(JsonRpc.INTERNAL_ERROR),
                        error.path("message")
                                .asString("Airlock's gateway refused a new session (HTTP " + status + ")."));
            }
        }
    }

    private JsonNode initializeResult(HttpResponse<InputStream> response, byte[] answer) {
        try {
            if (isEventStream(response)) {
                var result = new JsonNode[1];
                SseEvents.read(new java.io.ByteArrayInputStream(answer), data -> {
                    JsonNode message = Json.mapper().readTree(data);
                    if (message.has("result")) {
                        result[0] = message.get("result");
                    }
                });
                return result[0];
            }
            JsonNode result = Json.mapper().readTree(answer).get("result");
            return result != null && result.isObject() ? result : null;
        } catch (IOException | JacksonException e) {
            return null;
        }
    }

    private void notifyInitialized(GatewayEndpoint endpoint, String session) {
        byte[] body = Json.mapper().writeValueAsBytes(JsonRpc.notification("notifications/initialized", null));
        try {
            drain(send(post(endpoint, session, body)));
        } catch (IOException | Failure e) {
            LOG.warn("Could not tell Airlock's gateway the new session is ready: {}", e.getMessage());
        }
    }

    // --- the gateway's own notifications -------------------------------------------------------------

    /** Opens the session's GET stream in the background; a gateway without one is fine. */
    private void openNotificationStream(String session) {
        if (session == null) {
            return;
        }
        Thread.ofVirtual().name("airlock-bridge-notifications").start(() -> {
            try {
                GatewayEndpoint endpoint = endpoints.endpoint();
                HttpResponse<InputStream> response = send(request(endpoint, session)
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build());
                if (response.statusCode() != 200) {
                    drain(response);
                    return;
                }
                synchronized (sessionLock) {
                    if (!session.equals(sessionId)) {
                        response.body().close();
                        return;
                    }
                    closeNotificationStream();
                    notificationStream = response.body();
                }
                SseEvents.read(response.body(), out::write);
            } catch (IOException | EndpointException | Failure e) {
                // the stream ended with its session, or Airlock went away; a new session opens a new one
            }
        });
    }

    private void closeNotificationStream() {
        synchronized (sessionLock) {
            if (notificationStream != null) {
                try {
                    notificationStream.close();
                } catch (IOException e) {
                    // it is gone either way
                }
                notificationStream = null;
            }
        }
    }

    /** Stdin ended: the session ends with a DELETE, so the gateway need not wait for it to go idle. */
    private void endSession() {
        String session;
        synchronized (sessionLock) {
            closeNotificationStream();
            session = sessionId;
            sessionId = null;
        }
        if (session == null) {
            return;
        }
        try {
            GatewayEndpoint endpoint = endpoints.endpoint();
            drain(send(request(endpoint, session).DELETE().build()));
        } catch (IOException | EndpointException | Failure e) {
            LOG.warn("Could not end the session with Airlock: {}", e.getMessage());
        }
    }

    // --- HTTP ------------------------------------------------------------------------------------------

    private HttpRequest post(GatewayEndpoint endpoint, String session, byte[] body) {
        return request(endpoint, session)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private HttpRequest.Builder request(GatewayEndpoint endpoint, String session) {
        var builder = HttpRequest.newBuilder(endpoint.url()).header("Authorization", "Bearer " + endpoint.token());
        if (session != null) {
            builder.header(SESSION_HEADER, session);
            String version = protocolVersion;
            if (version != null) {
                builder.header(VERSION_HEADER, version);
            }
        }
        return builder;
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException, Failure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(JsonRpc.INTERNAL_ERROR, "The bridge is stopping.");
        }
    }

    private static boolean isEventStream(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith("text/event-stream"))
                .orElse(false);
    }

    private static byte[] readAll(HttpResponse<InputStream> response) throws Failure {
        try (InputStream body = response.body()) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new Failure(JsonRpc.SERVER_UNAVAILABLE, "The connection to Airlock broke before the answer came.");
        }
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // nothing in it was wanted
        }
    }

    /** The gateway's refusal as an answer to the app's request, with the app's id. */
    private static ObjectNode refusal(JsonNode requestId, int status, byte[] body) {
        try {
            JsonNode error = Json.mapper().readTree(body).get("error");
            if (error instanceof ObjectNode object && object.path("code").isIntegralNumber()) {
                ObjectNode answer = JsonRpc.error(requestId, 0, "");
                answer.set("error", object);
                return answer;
            }
        } catch (JacksonException e) {
            // not the gateway's JSON-RPC error: described below
        }
        return JsonRpc.error(requestId, JsonRpc.INTERNAL_ERROR, "Airlock's gateway answered with HTTP " + status + ".");
    }

    // --- waiting for Airlock ---------------------------------------------------------------------------

    /** The endpoint, or null after a wait because Airlock is not answering yet. */
    private GatewayEndpoint endpointOrWait(Instant deadline, Duration backoff) throws Failure {
        try {
            return endpoints.endpoint();
        } catch (EndpointException e) {
            if (!e.retryable()) {
                throw new Failure(JsonRpc.SERVER_UNAVAILABLE, e.getMessage());
            }
            waitOrFail(deadline, backoff, NOT_RUNNING);
            return null;
        }
    }

    /** Sleeps for the backoff, or fails with the message once the deadline has passed; the next backoff. */
    private static Duration waitOrFail(Instant deadline, Duration backoff, String message) throws Failure {
        if (Instant.now().isAfter(deadline)) {
            throw new Failure(JsonRpc.SERVER_UNAVAILABLE, message);
        }
        if (backoff.equals(FIRST_BACKOFF)) {
            LOG.warn("Airlock is not answering; the bridge waits for it");
        }
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(JsonRpc.INTERNAL_ERROR, "The bridge is stopping.");
        }
        return next(backoff);
    }

    private static Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /** Why a message could not be carried: becomes the app's JSON-RPC error. */
    private static final class Failure extends Exception {
        final int code;

        Failure(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
