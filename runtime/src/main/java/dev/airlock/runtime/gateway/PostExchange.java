package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.Outcome;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import java.util.concurrent.LinkedBlockingQueue;
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
    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private volatile long upstreamId = -1;

    /** @param connection the server process the request goes to */
    PostExchange(JsonNode clientId, ServerConnection connection) {
        this.clientId = clientId;
        this.connection = connection;
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

    Message next() throws InterruptedException {
        return messages.take();
    }
}
