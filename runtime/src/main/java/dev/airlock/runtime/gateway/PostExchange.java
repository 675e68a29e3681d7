package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.Outcome;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client request waiting in an HTTP POST: the messages the server sends about it, in order,
 * ending with its response. The POST's thread takes them one by one.
 */
final class PostExchange implements ServerConnection.Exchange {

    /**
     * A message and whether it ends the exchange.
     *
     * @param abandoned how the call ended when the gateway ended it without the server's answer; null
     *     for the server's own messages
     */
    record Message(ObjectNode body, boolean last, Outcome abandoned) {}

    private final JsonNode clientId;
    private final ServerConnection connection;
    private final Duration quietLimit;
    private final ClientSession session;
    private final boolean streamAllowed;
    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private volatile long upstreamId = -1;

    /**
     * @param connection the server process the request goes to
     * @param quietLimit how long {@link #next()} waits for the server's next message before it gives
     *     up on the call
     */
    PostExchange(JsonNode clientId, ServerConnection connection, Duration quietLimit) {
        this(clientId, connection, quietLimit, null, false);
    }

    /**
     * @param session the session the request came from: the server's own requests are attributed to it
     * @param streamAllowed whether the AI app accepts an event stream as the answer, so the server's
     *     own requests can travel on it
     */
    PostExchange(
            JsonNode clientId,
            ServerConnection connection,
            Duration quietLimit,
            ClientSession session,
            boolean streamAllowed) {
        this.clientId = clientId;
        this.connection = connection;
        this.quietLimit = quietLimit;
        this.session = session;
        this.streamAllowed = streamAllowed;
    }

    @Override
    public Object session() {
        return session;
    }

    /** Whether the answer may be an event stream, which can carry the server's own requests. */
    boolean streamAllowed() {
        return streamAllowed;
    }

    @Override
    public void onServerRequest(ServerConnection.ServerRequest request) {
        if (session == null) {
            refuseWithoutSession(request);
            return;
        }
        session.deliver(request, this, quietLimit);
    }

    private static void refuseWithoutSession(ServerConnection.ServerRequest request) {
        request.refuse(JsonRpc.METHOD_NOT_FOUND, "Airlock cannot pass this request to an AI app.");
    }

    /**
     * The POST has ended. The server's requests that were queued on it but never written, because its
     * answer came first or the app went away, are refused so that the server is not left waiting.
     */
    void finished() {
        Message message;
        while ((message = messages.poll()) != null) {
            if (session != null
                    && message.body().has("method")
                    && message.body().has("id")) {
                session.undeliverable(message.body());
            }
        }
    }

    ServerConnection connection() {
        return connection;
    }

    void upstreamId(long id) {
        this.upstreamId = id;
    }

    long upstreamId() {
        return upstreamId;
    }

    @Override
    public void onRelated(ObjectNode message) {
        messages.add(new Message(message, false, null));
    }

    @Override
    public void onResponse(ObjectNode response) {
        messages.add(new Message(response, true, null));
    }

    /**
     * Ends the exchange without the server's answer: the client cancelled or its session ended.
     *
     * @param outcome how the activity log reports the call
     */
    void abandon(String why, Outcome outcome) {
        messages.add(new Message(JsonRpc.error(clientId, JsonRpc.INTERNAL_ERROR, why), true, outcome));
    }

    /**
     * The server's next message about this call. When the server says nothing for the quiet limit,
     * the call ends with an error for the AI app (reported as failed); the caller then cancels it at
     * the server ({@link #timedOut(Message)}).
     */
    Message next() throws InterruptedException {
        Message message = messages.poll(quietLimit.toNanos(), TimeUnit.NANOSECONDS);
        if (message != null) {
            return message;
        }
        return new Message(
                JsonRpc.error(
                        clientId,
                        JsonRpc.LIMIT_EXCEEDED,
                        "The server '%s' did not answer within %s, so Airlock cancelled the call. Try again; if it keeps happening, turn the server off and on."
                                .formatted(connection.name(), words(quietLimit))),
                true,
                Outcome.FAILED);
    }

    /** Whether this message is the gateway giving up on a quiet server (see {@link #next()}). */
    static boolean timedOut(Message message) {
        return message.abandoned() == Outcome.FAILED
                && message.body().path("error").path("code").asInt(0) == JsonRpc.LIMIT_EXCEEDED;
    }

    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 60 == 0 && seconds >= 60) {
            return seconds == 60 ? "1 minute" : seconds / 60 + " minutes";
        }
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
