package dev.airlock.runtime.server;

import dev.airlock.runtime.container.StdioContainer;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One MCP server process, shared by every client session that talks to it.
 *
 * <p>Clients choose their own request ids, so two sessions may both send id 1. Each request going to
 * the server therefore gets a fresh id from one counter, and the connection remembers which exchange
 * it belongs to; the reply gets the client's id back and goes to that exchange only. Progress tokens
 * are rewritten the same way, so progress notifications reach only the request that asked for them.
 * See docs/adr/0005-id-rewriting.md.
 */
public final class ServerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    /** The protocol version Airlock asks servers for. */
    public static final String UPSTREAM_PROTOCOL_VERSION = "2025-06-18";

    /** Receives what the server says about one request. Called on the server's reader thread. */
    public interface Exchange {
        /** A message about this request before its response, such as a progress notification. */
        void onRelated(ObjectNode message);

        /** The final response, with the client's own id restored. */
        void onResponse(ObjectNode response);

        /**
         * The AI-app session the request came from; the requests of one session share it. Null for
         * Airlock's own requests, to which no request from the server is ever attributed.
         */
        default Object session() {
            return null;
        }

        /**
         * A request from the server, attributed to this request's session because it is the only
         * session with requests in flight: deliver it to the AI app, or refuse it. Called on the
         * server's reader thread, so it must not block.
         */
        default void onServerRequest(ServerRequest request) {
            request.refuse(JsonRpc.METHOD_NOT_FOUND, "Airlock cannot pass this request to an AI app.");
        }
    }

    /**
     * A request the server sent to the client side (sampling, elicitation), waiting for an AI app's
     * answer. It is settled once: by the app's answer, by a refusal, or by the server cancelling it.
     * See docs/adr/0018-server-to-client-requests.md.
     */
    public final class ServerRequest {
        private final JsonNode serverId;
        private final ObjectNode message;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Runnable onCancelled = () -> {};

        private ServerRequest(JsonNode serverId, ObjectNode message) {
            this.serverId = serverId;
            this.message = message;
        }

        public String method() {
            return JsonRpc.method(message);
        }

        /** The server's request as it sent it (its own id included); a copy. */
        public ObjectNode message() {
            return message.deepCopy();
        }

        /** The name of the server that asked. */
        public String server() {
            return name;
        }

        /**
         * Passes an AI app's answer to the server with the server's own id. Only {@code result} or
         * {@code error} is taken from it.
         *
         * @return false when the request was already settled (answered, refused or cancelled)
         */
        public boolean answer(ObjectNode response) {
            if (!settle()) {
                return false;
            }
            ObjectNode answer;
            if (response.get("result") instanceof ObjectNode result) {
                answer = JsonRpc.result(serverId, result);
            } else if (response.get("error") instanceof ObjectNode error
                    && error.path("code").isIntegralNumber()
                    && error.path("message").isString()) {
                answer = JsonRpc.error(
                        serverId,
                        error.get("code").asInt(),
                        error.get("message").asString());
                if (error.has("data")) {
                    ((ObjectNode) answer.get("error")).set("data", error.get("data"));
                }
            } else {
                answer = JsonRpc.error(
                        serverId, JsonRpc.INTERNAL_ERROR, "The AI app answered with a malformed response.");
            }
            transport.send(bytes(answer));
            return true;
        }

        /**
         * Answers the server with an error instead of the AI app.
         *
         * @return false when the request was already settled
         */
        public boolean refuse(int code, String why) {
            if (!settle()) {
                return false;
            }
            transport.send(bytes(JsonRpc.error(serverId, code, why)));
            return true;
        }

        /** Whether it has been answered, refused or cancelled. */
        public boolean settled() {
            return settled.get();
        }

        /** What to do when the server cancels the request before an answer. */
        public void onCancelled(Runnable action) {
            this.onCancelled = action;
        }

        private boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            fromServer.remove(key(serverId), this);
            return true;
        }

        private void cancelled() {
            if (settled.compareAndSet(false, true)) {
                fromServer.remove(key(serverId), this);
                onCancelled.run();
            }
        }
    }

    /** Sends a framed message to the server; false when the server is gone. */
    @FunctionalInterface
    public interface Transport {
        boolean send(byte[] message);
    }

    private record InFlight(Exchange exchange, JsonNode clientId, JsonNode clientProgressToken) {}

    private final String name;
    private final Transport transport;
    private final Consumer<ObjectNode> broadcast;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<ObjectNode> initialized = new CompletableFuture<>();
    /** The server's requests waiting for an AI app, by the server's own id. */
    private final Map<String, ServerRequest> fromServer = new ConcurrentHashMap<>();

    private volatile String closedReason;

    /**
     * @param broadcast receives the server's notifications that belong to no request (list changes,
     *     log messages)
     */
    public ServerConnection(String name, Transport transport, Consumer<ObjectNode> broadcast) {
        this.name = name;
        this.transport = transport;
        this.broadcast = broadcast;
    }

    public String name() {
        return name;
    }

    /**
     * Runs the MCP handshake as Airlock's own client and waits for it. The result is what client
     * sessions are told about the server.
     *
     * @throws ServerStartException when the server does not answer in time or answers with an error
     */
    public ObjectNode initialize(Duration timeout) throws ServerStartException, InterruptedException {
        ObjectNode params = JsonRpc.object();
        params.put("protocolVersion", UPSTREAM_PROTOCOL_VERSION);
        // declared so that servers offer the features that need them; requests are routed to the
        // session that caused them, and roots are answered by the gateway (ADR 0018)
        ObjectNode capabilities = params.putObject("capabilities");
        capabilities.putObject("sampling");
        capabilities.putObject("elicitation");
        capabilities.putObject("roots").put("listChanged", false);
        ObjectNode clientInfo = params.putObject("clientInfo");
        clientInfo.put("name", "airlock-gateway");
        clientInfo.put("version", "1");
        send(JsonRpc.request(0, "initialize", params), new Exchange() {
            @Override
            public void onRelated(ObjectNode message) {}

            @Override
            public void onResponse(ObjectNode response) {
                if (response.has("result") && response.get("result").isObject()) {
                    initialized.complete((ObjectNode) response.get("result"));
                } else {
                    initialized.completeExceptionally(
                            new ServerStartException("it refused to start: " + errorMessage(response), null));
                }
            }
        });
        try {
            ObjectNode result = initialized.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            transport.send(bytes(JsonRpc.notification("notifications/initialized", null)));
            return result;
        } catch (TimeoutException e) {
            throw new ServerStartException("it did not answer within %d seconds".formatted(timeout.toSeconds()), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServerStartException start) {
                throw start;
            }
            throw new ServerStartException("it failed during start-up", e.getCause());
        }
    }

    /** The server's answer to Airlock's {@code initialize}; null before the handshake. */
    public ObjectNode initializeResult() {
        return initialized.getNow(null);
    }

    /**
     * Sends a client's request to the server. The request object is changed in place: it gets the
     * connection's own id (and progress token).
     *
     * @return the id the server sees, to cancel the request with
     */
    public long send(ObjectNode request, Exchange exchange) {
        long id = nextId.getAndIncrement();
        JsonNode clientId = request.get("id");
        JsonNode clientToken = null;
        if (request.get("params") instanceof ObjectNode params && params.get("_meta") instanceof ObjectNode meta) {
            clientToken = meta.get("progressToken");
            if (clientToken != null) {
                meta.put("progressToken", id);
            }
        }
        request.put("id", id);
        String reason = closedReason;
        if (reason != null) {
            exchange.onResponse(serverGone(clientId, reason));
            return id;
        }
        inFlight.put(id, new InFlight(exchange, clientId, clientToken));
        if (!transport.send(bytes(request))) {
            InFlight lost = inFlight.remove(id);
            if (lost != null) {
                exchange.onResponse(serverGone(clientId, "it is no longer running"));
            }
        }
        return id;
    }

    /** Passes a client's notification on unchanged. */
    public void notify(ObjectNode notification) {
        transport.send(bytes(notification));
    }

    /**
     * Tells the server a client no longer wants an answer, and forgets the request: a late reply
     * will not be delivered.
     */
    public void cancel(long id, String reason) {
        if (inFlight.remove(id) != null) {
            ObjectNode params = JsonRpc.object();
            params.put("requestId", id);
            if (reason != null) {
                params.put("reason", reason);
            }
            transport.send(bytes(JsonRpc.notification("notifications/cancelled", params)));
        }
    }

    /** Forgets every request the predicate matches, without telling the server. */
    public void abandon(Predicate<Exchange> which) {
        inFlight.values().removeIf(flight -> which.test(flight.exchange()));
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    /** One line of the server's output. */
    public void onMessage(byte[] line) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(line);
        } catch (JacksonException e) {
            LOG.warn("Server {} wrote a line that is not JSON ({} bytes); ignored it", name, line.length);
            return;
        }
        switch (JsonRpc.kind(message)) {
            case RESPONSE -> onResponse((ObjectNode) message);
            case NOTIFICATION -> onNotification((ObjectNode) message);
            case REQUEST -> onServerRequest((ObjectNode) message);
            case INVALID -> LOG.warn("Server {} wrote a message that is not JSON-RPC 2.0; ignored it", name);
        }
    }

    private void onResponse(ObjectNode response) {
        JsonNode id = response.get("id");
        InFlight flight = id.isIntegralNumber() ? inFlight.remove(id.asLong()) : null;
        if (flight == null) {
            LOG.debug("Server {} answered request {}, which no one is waiting for", name, id);
            return;
        }
        response.set("id", flight.clientId());
        flight.exchange().onResponse(response);
    }

    private void onNotification(ObjectNode notification) {
        if ("notifications/cancelled".equals(JsonRpc.method(notification))) {
            JsonNode requestId = notification.path("params").path("requestId");
            ServerRequest request = JsonRpc.validId(requestId) ? fromServer.get(key(requestId)) : null;
            if (request != null) {
                request.cancelled();
            } else {
                LOG.debug("Server {} cancelled a request of its own that no AI app holds", name);
            }
            return;
        }
        if ("notifications/progress".equals(JsonRpc.method(notification))
                && notification.get("params") instanceof ObjectNode params) {
            JsonNode token = params.get("progressToken");
            InFlight flight = token != null && token.isIntegralNumber() ? inFlight.get(token.asLong()) : null;
            if (flight != null && flight.clientProgressToken() != null) {
                params.set("progressToken", flight.clientProgressToken());
                flight.exchange().onRelated(notification);
                return;
            }
            LOG.debug("Server {} reported progress for a request no one is waiting for", name);
            return;
        }
        broadcast.accept(notification);
    }

    /**
     * A request from the server to the client side. {@code ping} and {@code roots/list} are answered
     * here; the others go to the one session with requests in flight on this connection, or are
     * refused when there is no such single session: over stdio nothing says which request caused
     * them, and sending an elicitation to the wrong app is worse than failing it.
     */
    private void onServerRequest(ObjectNode request) {
        JsonNode id = request.get("id");
        String method = JsonRpc.method(request);
        switch (method) {
            case "ping" -> transport.send(bytes(JsonRpc.result(id, JsonRpc.object())));
            // a host path would mean nothing inside the container and would tell the server where
            // the user keeps their files; Airlock mounts none, so the container sees no roots
            case "roots/list" -> {
                ObjectNode result = JsonRpc.object();
                result.putArray("roots");
                transport.send(bytes(JsonRpc.result(id, result)));
            }
            default -> route(new ServerRequest(id, request));
        }
    }

    private void route(ServerRequest request) {
        if (fromServer.putIfAbsent(key(request.serverId), request) != null) {
            LOG.warn("Server {} sent a request with the id of one still waiting for an answer; ignored it", name);
            return;
        }
        Map<Object, Map.Entry<Long, InFlight>> bySession = new java.util.HashMap<>();
        for (Map.Entry<Long, InFlight> entry : inFlight.entrySet()) {
            Object session = entry.getValue().exchange().session();
            if (session != null) {
                // the oldest request of the session carries the server's request
                bySession.merge(session, entry, (a, b) -> a.getKey() <= b.getKey() ? a : b);
            }
        }
        if (bySession.size() != 1) {
            LOG.warn(
                    "Server {} sent a '{}' request while {} AI-app sessions had calls in flight; Airlock could not"
                            + " tell which one it was for, so it refused it",
                    name,
                    printable(request.method()),
                    bySession.size());
            request.refuse(
                    JsonRpc.INTERNAL_ERROR,
                    bySession.isEmpty()
                            ? "Airlock could not tell which AI app this request was for: no app was waiting for"
                                    + " the server '%s'.".formatted(name)
                            : ("Airlock could not tell which AI app this request was for: %d apps were waiting"
                                            + " for the server '%s' at once. Try again when only one app is using it.")
                                    .formatted(bySession.size(), name));
            return;
        }
        bySession.values().iterator().next().getValue().exchange().onServerRequest(request);
    }

    /** How many of the server's requests wait for an AI app's answer. */
    public int serverRequestCount() {
        return fromServer.size();
    }

    private static String key(JsonNode id) {
        return id.toString();
    }

    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /**
     * The server sent a message too large to take. If it answered one of our requests (its id is
     * at either end of the message), that request gets an error instead of waiting forever.
     */
    public void onOversized(long size, byte[] head, byte[] tail) {
        Long id = idAtEnd(tail);
        if (id == null) {
            id = idAtStart(head);
        }
        InFlight flight = id == null ? null : inFlight.remove(id);
        if (flight == null) {
            LOG.warn("Server {} sent {} bytes in one message, over the limit; it was dropped", name, size);
            return;
        }
        flight.exchange()
                .onResponse(JsonRpc.error(
                        flight.clientId(),
                        JsonRpc.LIMIT_EXCEEDED,
                        "The server '%s' answered with %d MB, more than Airlock accepts (%d MB); the answer was dropped."
                                .formatted(
                                        name, size / (1024 * 1024), StdioContainer.MAX_MESSAGE_BYTES / (1024 * 1024))));
    }

    private static final Pattern ID_AT_END = Pattern.compile("\"id\"\\s*:\\s*(\\d{1,18})\\s*}\\s*$");
    private static final Pattern ID_AT_START =
            Pattern.compile("^\\s*\\{\\s*(?:\"jsonrpc\"\\s*:\\s*\"2\\.0\"\\s*,\\s*)?\"id\"\\s*:\\s*(\\d{1,18})");

    private static Long idAtEnd(byte[] tail) {
        Matcher matcher = ID_AT_END.matcher(new String(tail, StandardCharsets.ISO_8859_1));
        return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
    }

    private static Long idAtStart(byte[] head) {
        Matcher matcher = ID_AT_START.matcher(new String(head, StandardCharsets.ISO_8859_1));
        return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
    }

    /** The server is gone: every waiting request gets an error, and so does every later one. */
    public void onClosed(String reason) {
        closedReason = reason;
        initialized.completeExceptionally(new ServerStartException(reason, null));
        // the server's own requests need no answer any more: nobody is there to read it
        fromServer.values().forEach(request -> request.settled.set(true));
        fromServer.clear();
        for (Long id : inFlight.keySet()) {
            InFlight flight = inFlight.remove(id);
            if (flight != null) {
                flight.exchange().onResponse(serverGone(flight.clientId(), reason));
            }
        }
    }

    public boolean isClosed() {
        return closedReason != null;
    }

    private ObjectNode serverGone(JsonNode clientId, String reason) {
        return JsonRpc.error(
                clientId,
                JsonRpc.SERVER_UNAVAILABLE,
                "The server '%s' stopped before answering: %s. Turn it on again to retry.".formatted(name, reason));
    }

    private static String errorMessage(ObjectNode response) {
        JsonNode message = response.path("error").path("message");
        return message.isString() ? message.asString() : "unknown error";
    }

    static byte[] bytes(JsonNode node) {
        return Json.mapper().writeValueAsBytes(node);
    }
}
