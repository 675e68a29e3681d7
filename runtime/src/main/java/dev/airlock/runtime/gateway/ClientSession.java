package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.Outcome;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An AI app's MCP session through the gateway, with one server or with all of them. A session with
 * one server is bound to the server process it was opened with: when that process is replaced, the
 * session ends and the app opens a new one. A session of {@code /mcp} outlives the servers it reaches.
 * A request of MCP 2026-07-28, which has no sessions, is carried by one that lives for that request
 * only and is never registered: it has no stream and hears no broadcast.
 */
final class ClientSession {

    /** What a session reaches. */
    sealed interface Reach {
        /** One server's process, at {@code /mcp/{server}}. */
        record OneServer(String server, ServerConnection connection) implements Reach {}

        /** Every running server, at {@code /mcp}. */
        record AllServers(ResourceRoutes resources) implements Reach {}
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    /** How long a POST's events are kept after its stream was cut, for the app to resume it. */
    static final Duration RESUME_GRACE = Duration.ofMinutes(2);
    /** How long a POST's events are kept after they were all written without an error. */
    static final Duration DELIVERED_GRACE = Duration.ofSeconds(10);

    private final String id;
    private final String client;
    private final Reach reach;
    private final String protocolVersion;
    private final String clientName;
    private final String clientVersion;
    private final ObjectNode capabilities;
    private final AtomicLong nextServerRequestId = new AtomicLong(1);
    private final Map<String, WaitingServerRequest> serverRequests = new ConcurrentHashMap<>();
    private final Map<String, PostExchange> inFlight = new ConcurrentHashMap<>();
    /** Which opening of the GET stream holds it now; 0 when none is open. */
    private final AtomicLong streamHolder = new AtomicLong();

    private final AtomicLong streamOpenings = new AtomicLong();
    /** The GET stream's events, from its first opening on, so that a cut stream can be resumed. */
    private volatile ResumableStream getStream;
    /** The event streams of POST answers, until delivered or given up, so that a cut one can be resumed. */
    private final Map<String, ResumableStream> postStreams = new ConcurrentHashMap<>();

    private volatile boolean closed;
    private volatile long lastUsedNanos = System.nanoTime();

    /**
     * A server's request passed to the AI app under a gateway id, and where it went: the POST stream
     * of the call in flight, or the session's GET stream.
     */
    private record WaitingServerRequest(ServerConnection.ServerRequest request, Consumer<ObjectNode> channel) {}

    ClientSession(
            String id, String client, Reach reach, String protocolVersion, String clientName, String clientVersion) {
        this(id, client, reach, protocolVersion, clientName, clientVersion, JsonRpc.object());
    }

    /** @param capabilities what the AI app declared in {@code initialize}: what the server may ask it for */
    ClientSession(
            String id,
            String client,
            Reach reach,
            String protocolVersion,
            String clientName,
            String clientVersion,
            ObjectNode capabilities) {
        this.capabilities = capabilities;
        this.id = id;
        this.client = client;
        this.reach = reach;
        this.protocolVersion = protocolVersion;
        this.clientName = clientName;
        this.clientVersion = clientVersion;
    }

    String id() {
        return id;
    }

    /** The name of the gateway token that opened it. */
    String client() {
        return client;
    }

    Reach reach() {
        return reach;
    }

    /** Whether this is a session with that server process. */
    boolean isOn(ServerConnection connection) {
        return reach instanceof Reach.OneServer one && one.connection() == connection;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    /** Whether this carries one request of MCP 2026-07-28, which has no sessions: it is never registered. */
    boolean stateless() {
        return StatelessRevision.VERSION.equals(protocolVersion);
    }

    /** The name the AI app gave in {@code initialize}'s clientInfo. */
    String clientName() {
        return clientName;
    }

    String clientVersion() {
        return clientVersion;
    }

    boolean closed() {
        return closed;
    }

    /** Notes that the AI app used the session just now. */
    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    /**
     * Whether nothing has happened in the session for this long: no request, none in flight, and
     * no stream open (an open stream is an app still listening).
     */
    boolean idleFor(java.time.Duration limit, long nowNanos) {
        return inFlight.isEmpty()
                && serverRequests.isEmpty()
                && streamHolder.get() == 0
                && nowNanos - lastUsedNanos > limit.toNanos();
    }

    /** How many of the app's requests are waiting for their answers. */
    int inFlightCount() {
        return inFlight.size();
    }

    /** What the AI app declared in {@code initialize}. */
    ObjectNode capabilities() {
        return capabilities;
    }

    /** Registers a request; false when the client already has one in flight with the same id. */
    boolean track(JsonNode clientId, PostExchange exchange) {
        return inFlight.putIfAbsent(clientId.toString(), exchange) == null;
    }

    void untrack(JsonNode clientId) {
        inFlight.remove(clientId.toString());
    }

    PostExchange inFlight(JsonNode clientId) {
        return inFlight.get(clientId.toString());
    }

    /**
     * Adds a server message to the session's GET stream. Dropped before the app first opened one;
     * after that, kept while the stream is cut too (up to {@link ResumableStream}'s limits), for the
     * app to resume it.
     */
    void push(ObjectNode message) {
        ResumableStream stream = getStream;
        if (stream != null) {
            stream.append(message, false);
        }
    }

    /**
     * Opens the GET stream.
     *
     * @param takeOver whether to take it from an opening that still holds it: an app resuming a cut
     *     stream, before the gateway has noticed the old connection is gone
     * @return this opening's number, to tell whether it still holds the stream; 0 when another holds it
     */
    synchronized long openStream(boolean takeOver) {
        long me = streamOpenings.incrementAndGet();
        if (!takeOver && streamHolder.get() != 0) {
            return 0;
        }
        streamHolder.set(me);
        if (getStream == null) {
            getStream = new ResumableStream(resumable());
        } else {
            getStream.wake();
        }
        return me;
    }

    /** Whether this opening of the GET stream still holds it. */
    boolean holdsStream(long opening) {
        return streamHolder.get() == opening;
    }

    /** The GET stream's events; null before it was first opened. */
    ResumableStream getStream() {
        return getStream;
    }

    void closeStream(long opening) {
        streamHolder.compareAndSet(opening, 0);
    }

    /** Whether the app's protocol version can resume a cut stream with {@code Last-Event-ID}. */
    boolean resumable() {
        return !stateless() && !"2024-11-05".equals(protocolVersion);
    }

    /** A new event stream for a POST's answer, kept until it is delivered or given up. */
    ResumableStream openPostStream() {
        var stream = new ResumableStream(true);
        postStreams.put(stream.id(), stream);
        return stream;
    }

    /** The POST stream was delivered whole, or given up: it can no longer be resumed. */
    void forgetPostStream(ResumableStream stream) {
        postStreams.remove(stream.id(), stream);
    }

    /**
     * The POST stream has its final answer: it can still be resumed for a while, then it is
     * forgotten. Written without an error does not mean received (the bytes may sit in a buffer of
     * a connection that is going down), so even a stream delivered whole is kept a little.
     *
     * @param cut whether writing it failed: then it is kept for {@link #RESUME_GRACE}, else for
     *     {@link #DELIVERED_GRACE}
     */
    void keepPostStreamForResumption(ResumableStream stream, boolean cut) {
        Duration grace = cut ? RESUME_GRACE : DELIVERED_GRACE;
        CompletableFuture.delayedExecutor(grace.toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> forgetPostStream(stream));
    }

    /** The stream of this session a {@code Last-Event-ID} names, GET or POST; null for any other. */
    ResumableStream streamNamed(String streamId) {
        ResumableStream stream = getStream;
        if (stream != null && stream.id().equals(streamId)) {
            return stream;
        }
        return postStreams.get(streamId);
    }

    /** Whether this is the session's GET stream (and not a POST's). */
    boolean isGetStream(ResumableStream stream) {
        return stream == getStream;
    }

    /**
     * Passes a server's request to the AI app, under an id of the gateway's own that is unique in this
     * session (two servers behind {@code /mcp} may use the same ids): on the event stream of the call
     * in flight when the app accepts one, else on the session's GET stream. When neither is possible,
     * or the app did not declare the feature, the server gets an error at once. An app that does not
     * answer within the quiet limit leaves the server with an error, not waiting.
     *
     * @param via the call in flight the request is attributed to
     */
    void deliver(ServerConnection.ServerRequest request, PostExchange via, Duration quietLimit) {
        String method = request.method();
        String feature = switch (method) {
            case "sampling/createMessage" -> "sampling";
            case "elicitation/create" -> "elicitation";
            default -> null;
        };
        String refusal;
        Consumer<ObjectNode> channel = null;
        if (feature == null) {
            refusal =
                    "Airlock's gateway does not pass '%s' requests to AI apps.".formatted(McpHandler.printable(method));
        } else if (stateless()) {
            refusal = "The AI app speaks MCP %s, which has no stream to carry the server's requests, so Airlock"
                            .formatted(StatelessRevision.VERSION)
                    + " could not ask it.";
        } else if (!capabilities.has(feature)) {
            refusal = "The AI app '%s' does not support %s, so Airlock could not pass the server's request on."
                    .formatted(clientName, feature);
        } else if (via.streamAllowed()) {
            refusal = null;
            channel = via::onRelated;
        } else if (streamHolder.get() != 0) {
            refusal = null;
            channel = this::push;
        } else {
            refusal = "The AI app '%s' cannot receive requests from servers now: it accepts no event stream for"
                            .formatted(clientName)
                    + " its call and has no stream open.";
        }
        boolean full = refusal == null && serverRequests.size() >= McpHandler.MAX_IN_FLIGHT_PER_SESSION;
        if (full) {
            // a server that floods an app with requests must not grow the session without bound
            refusal = "The AI app '%s' already has %d requests from servers waiting for its answers."
                    .formatted(clientName, McpHandler.MAX_IN_FLIGHT_PER_SESSION);
        }
        if (refusal != null) {
            LOG.info(
                    "Refused a '{}' request from the server '{}' in session {}: {}",
                    McpHandler.printable(method),
                    request.server(),
                    shortId(),
                    refusal);
            int code =
                    feature == null ? JsonRpc.METHOD_NOT_FOUND : full ? JsonRpc.LIMIT_EXCEEDED : JsonRpc.INTERNAL_ERROR;
            request.refuse(code, refusal);
            return;
        }
        String gatewayId = "airlock-" + nextServerRequestId.getAndIncrement();
        var waiting = new WaitingServerRequest(request, channel);
        serverRequests.put(gatewayId, waiting);
        Consumer<ObjectNode> toApp = channel;
        request.onCancelled(() -> {
            if (serverRequests.remove(gatewayId, waiting)) {
                ObjectNode params = JsonRpc.object();
                params.put("requestId", gatewayId);
                params.put("reason", "The server cancelled its request.");
                toApp.accept(JsonRpc.notification("notifications/cancelled", params));
            }
        });
        CompletableFuture.delayedExecutor(quietLimit.toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> {
                    if (serverRequests.remove(gatewayId, waiting)) {
                        ObjectNode params = JsonRpc.object();
                        params.put("requestId", gatewayId);
                        params.put("reason", "Airlock stopped waiting for the answer.");
                        toApp.accept(JsonRpc.notification("notifications/cancelled", params));
                        request.refuse(
                                JsonRpc.INTERNAL_ERROR,
                                "The AI app '%s' did not answer within %s."
                                        .formatted(clientName, PostExchange.words(quietLimit)));
                    }
                });
        // rebuilt from its parts: nothing else the server put in the message reaches the app
        ObjectNode message = JsonRpc.request(
                gatewayId, method, request.message().get("params") instanceof ObjectNode params ? params : null);
        channel.accept(message);
        if (closed) {
            // the session ended while the request was on its way
            answerGone(gatewayId);
        }
    }

    /**
     * Passes the AI app's answer to a server's request back to that server, with the server's own id.
     *
     * @return false when no request of this session waits under that id: unknown, already answered,
     *     or another session's; such an answer is dropped, never forwarded
     */
    boolean answer(ObjectNode response, CallInspection inspection) {
        JsonNode id = response.get("id");
        WaitingServerRequest waiting = id != null && id.isString() ? serverRequests.remove(id.asString()) : null;
        if (waiting == null) {
            return false;
        }
        ServerConnection.ServerRequest request = waiting.request();
        return request.answer(inspection.appAnswer(request.server(), request.method(), response));
    }

    /** A server request written on no stream after all (its POST ended first): the server gets an error. */
    void undeliverable(ObjectNode message) {
        String gatewayId = message.path("id").asString(null);
        WaitingServerRequest waiting = gatewayId == null ? null : serverRequests.remove(gatewayId);
        if (waiting != null) {
            waiting.request()
                    .refuse(
                            JsonRpc.INTERNAL_ERROR,
                            "The AI app's call ended before Airlock could pass the server's request to it.");
        }
    }

    private void answerGone(String gatewayId) {
        WaitingServerRequest waiting = serverRequests.remove(gatewayId);
        if (waiting != null) {
            waiting.request().refuse(JsonRpc.INTERNAL_ERROR, "The AI app's session ended before it answered.");
        }
    }

    /** How many of the servers' requests wait for this app's answer. */
    int serverRequestCount() {
        return serverRequests.size();
    }

    private String shortId() {
        return id.length() > 6 ? id.substring(0, 6) : id;
    }

    /**
     * Ends the session: requests still waiting are abandoned and the server is told so.
     *
     * @param outcome how the activity log reports the requests still waiting
     */
    void close(String why, Outcome outcome) {
        closed = true;
        streamHolder.set(0);
        ResumableStream stream = getStream;
        if (stream != null) {
            stream.wake();
        }
        postStreams.values().forEach(ResumableStream::wake);
        postStreams.clear();
        for (PostExchange exchange : inFlight.values()) {
            exchange.connection().cancel(exchange.upstreamId(), why);
            exchange.abandon(why, outcome);
        }
        inFlight.clear();
        serverRequests.keySet().forEach(this::answerGone);
    }
}
