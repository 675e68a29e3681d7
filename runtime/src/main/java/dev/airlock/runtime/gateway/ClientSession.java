package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.Outcome;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private static final int STREAM_BACKLOG = 1024;

    private final String id;
    private final String client;
    private final Reach reach;
    private final String protocolVersion;
    private final String clientName;
    private final String clientVersion;
    private final Map<String, PostExchange> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<ObjectNode> streamed = new ArrayBlockingQueue<>(STREAM_BACKLOG);
    private final AtomicBoolean streaming = new AtomicBoolean();
    private volatile boolean closed;
    private volatile long lastUsedNanos = System.nanoTime();

    ClientSession(
            String id, String client, Reach reach, String protocolVersion, String clientName, String clientVersion) {
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
        return inFlight.isEmpty() && !streaming.get() && nowNanos - lastUsedNanos > limit.toNanos();
    }

    /** How many of the app's requests are waiting for their answers. */
    int inFlightCount() {
        return inFlight.size();
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

    /** Queues a server message for the session's GET stream; dropped when no stream is open or it lags too far. */
    void push(ObjectNode message) {
        if (streaming.get() && !streamed.offer(message)) {
            streamed.poll();
            streamed.offer(message);
        }
    }

    boolean openStream() {
        if (!streaming.compareAndSet(false, true)) {
            return false;
        }
        streamed.clear();
        return true;
    }

    void closeStream() {
        streaming.set(false);
    }

    BlockingQueue<ObjectNode> streamed() {
        return streamed;
    }

    /**
     * Ends the session: requests still waiting are abandoned and the server is told so.
     *
     * @param outcome how the activity log reports the requests still waiting
     */
    void close(String why, Outcome outcome) {
        closed = true;
        streaming.set(false);
        // wakes an open GET stream, so that it ends now rather than at its next keep-alive
        streamed.clear();
        streamed.offer(JsonRpc.object());
        for (PostExchange exchange : inFlight.values()) {
            exchange.connection().cancel(exchange.upstreamId(), why);
            exchange.abandon(why, outcome);
        }
        inFlight.clear();
    }
}
