package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.Outcome;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.tools.CallDecision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP's Streamable HTTP transport at {@code /mcp/{server}} and, for all running servers at once, at
 * {@code /mcp}: POST carries one JSON-RPC message and is answered with JSON, or with an SSE stream
 * when the server reports progress first; GET opens a stream of the server's own notifications;
 * DELETE ends the session. Both addresses share every check, limit and the forwarding path; what
 * {@code /mcp} answers itself and how it routes is {@link AggregateRouter}'s. Runs on virtual threads, so
 * waiting for a server's answer blocks only the request's own thread. Every request it forwards, and
 * every {@code initialize} it answers, is reported to the activity log when it ends. Beside sessions,
 * it speaks MCP 2026-07-28, whose requests stand alone ({@link StatelessRevision}).
 */
final class McpHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(McpHandler.class);

    static final Set<String> SUPPORTED_VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    /** What {@code /mcp} answers a client asking for a version it does not support. */
    private static final String LATEST_VERSION = "2025-11-25";

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    private static final String ALL_SERVERS = "/mcp";
    private static final String PREFIX = "/mcp/";
    private static final long KEEPALIVE_SECONDS = 15;
    /** Requests of one session waiting at once; more is an app gone wrong, not work. */
    static final int MAX_IN_FLIGHT_PER_SESSION = 256;

    private final ServerRoutes routes;
    private final RequestGuard guard;
    private final SessionRegistry sessions;
    private final int maxBodyBytes;
    private final Duration callQuietLimit;
    private final Duration listTimeout;
    private final CallRecorder recorder;
    private final CallInspection inspection;
    private final ToolGuards toolGuards;
    private final AggregateRouter aggregate;

    McpHandler(
            ServerRoutes routes,
            RequestGuard guard,
            SessionRegistry sessions,
            int maxBodyBytes,
            Duration callQuietLimit,
            Duration listTimeout,
            CallRecorder recorder,
            CallInspection inspection,
            ToolGuards toolGuards,
            AggregateRouter aggregate) {
        this.aggregate = aggregate;
        this.listTimeout = listTimeout;
        this.toolGuards = toolGuards;
        this.inspection = inspection;
        this.routes = routes;
        this.guard = guard;
        this.sessions = sessions;
        this.maxBodyBytes = maxBodyBytes;
        this.callQuietLimit = callQuietLimit;
        this.recorder = recorder;
    }

    /** The address a request is for: one server's, or the one for all of them. */
    private sealed interface Endpoint {
        record OneServer(String server, ServerState state) implements Endpoint {}

        record AllServers() implements Endpoint {}
    }

    /** An answer that ends the HTTP exchange early: a status and a JSON-RPC error. */
    private static final class Refusal extends Exception {
        final int status;
        final transient JsonNode id;
        final int code;
        final transient JsonNode data;

        Refusal(int status, JsonNode id, int code, String message) {
            this(status, id, code, message, null);
        }

        Refusal(int status, JsonNode id, int code, String message, JsonNode data) {
            super(message, null, false, false);
            this.status = status;
            this.id = id;
            this.code = code;
            this.data = data;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long received = System.nanoTime();
        try {
            route(request, response, callback, received);
        } catch (Refusal refusal) {
            if (refusal.status == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"airlock\"");
            }
            ObjectNode error = JsonRpc.error(refusal.id, refusal.code, refusal.getMessage());
            if (refusal.data != null) {
                ((ObjectNode) error.get("error")).set("data", refusal.data);
            }
            sendJson(response, callback, refusal.status, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (IOException e) {
            LOG.debug("A client went away: {}", e.getMessage());
            callback.failed(e);
        } catch (RuntimeException e) {
            LOG.warn(
                    "The gateway failed on {} {}",
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    e);
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                sendJson(
                        response,
                        callback,
                        500,
                        JsonRpc.error(
                                null,
                                JsonRpc.INTERNAL_ERROR,
                                "The gateway failed to handle this request; see Airlock's log."));
            }
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback, long received)
            throws Refusal, IOException, InterruptedException {
        var headers = request.getHeaders();
        switch (guard.check(
                headers.get(HttpHeader.HOST), headers.get(HttpHeader.ORIGIN), headers.get(HttpHeader.AUTHORIZATION))) {
            case RequestGuard.Verdict.Refused(int status, String message) ->
                throw new Refusal(status, null, JsonRpc.UNAUTHORIZED, message);
            case RequestGuard.Verdict.Allowed(String client) -> {
                Endpoint endpoint = endpoint(Request.getPathInContext(request));
                String version = headers.get(VERSION_HEADER);
                if (!"POST".equals(request.getMethod())) {
                    if (StatelessRevision.VERSION.equals(version)) {
                        response.getHeaders().put(HttpHeader.ALLOW, "POST");
                        throw new Refusal(
                                405,
                                null,
                                JsonRpc.INVALID_REQUEST,
                                "MCP %s has no sessions or streams: send each request with POST."
                                        .formatted(StatelessRevision.VERSION));
                    }
                    // a POST's version is checked once its body tells which family of versions it is of
                    checkProtocolVersion(version);
                }
                switch (request.getMethod()) {
                    case "POST" -> post(request, response, callback, client, endpoint, version, received);
                    case "GET" -> stream(request, response, callback, client, endpoint);
                    case "DELETE" -> delete(request, response, callback, client, endpoint);
                    default -> {
                        response.getHeaders().put(HttpHeader.ALLOW, "POST, GET, DELETE");
                        throw new Refusal(405, null, JsonRpc.INVALID_REQUEST, "Use POST, GET or DELETE.");
                    }
                }
            }
        }
    }

    private Endpoint endpoint(String path) throws Refusal {
        if (ALL_SERVERS.equals(path)) {
            return new Endpoint.AllServers();
        }
        if (path == null
                || !path.startsWith(PREFIX)
                || path.length() == PREFIX.length()
                || path.indexOf('/', PREFIX.length()) >= 0) {
            throw new Refusal(
                    404,
                    null,
                    JsonRpc.INVALID_REQUEST,
                    "Unknown address. Servers are at /mcp/{server}, and all of them at once at /mcp.");
        }
        String server = path.substring(PREFIX.length());
        ServerState state = routes.lookup(server)
                .orElseThrow(() -> new Refusal(
                        404,
                        null,
                        JsonRpc.INVALID_REQUEST,
                        "There is no server named '%s'. Run `airlock servers` to see the names."
                                .formatted(printable(server))));
        return new Endpoint.OneServer(server, state);
    }

    private static void checkProtocolVersion(String version) throws Refusal {
        if (version != null && !SUPPORTED_VERSIONS.contains(version)) {
            throw new Refusal(
                    400,
                    null,
                    JsonRpc.INVALID_REQUEST,
                    "Unsupported MCP-Protocol-Version '%s'; this gateway supports %s."
                            .formatted(
                                    printable(version),
                                    String.join(
                                            ", ",
                                            SUPPORTED_VERSIONS.stream().sorted().toList())));
        }
    }

    // --- POST -------------------------------------------------------------------------------------

    private void post(
            Request request,
            Response response,
            Callback callback,
            String client,
            Endpoint endpoint,
            String version,
            long received)
            throws Refusal, IOException, InterruptedException {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(415, null, JsonRpc.INVALID_REQUEST, "Send JSON-RPC messages as application/json.");
        }
        JsonNode message = parse(readBody(request));
        if (message.isArray()) {
            throw new Refusal(
                    400,
                    null,
                    JsonRpc.INVALID_REQUEST,
                    "JSON-RPC batches are not supported; send one message per request.");
        }
        JsonRpc.Kind kind = JsonRpc.kind(message);
        if (kind == JsonRpc.Kind.INVALID) {
            JsonNode id = message.get("id");
            throw new Refusal(
                    400,
                    id != null && JsonRpc.validId(id) ? id : null,
                    JsonRpc.INVALID_REQUEST,
                    "The body is not a valid JSON-RPC 2.0 message.");
        }
        ObjectNode object = (ObjectNode) message;
        if (kind == JsonRpc.Kind.REQUEST && "initialize".equals(JsonRpc.method(object))) {
            // initialize always opens a session, whichever version the header names
            if (!StatelessRevision.VERSION.equals(version)) {
                checkProtocolVersion(version);
            }
            initialize(response, callback, client, endpoint, object, received);
            return;
        }
        if (handledStateless(request, response, callback, client, endpoint, version, kind, object, received)) {
            return;
        }
        checkProtocolVersion(version);
        ClientSession session = session(request, client, endpoint);
        switch (kind) {
            case REQUEST -> onRequest(request, response, callback, session, object, received);
            case NOTIFICATION -> {
                notification(session, object);
                accepted(response, callback);
            }
            default -> {
                // an answer to one of the servers' requests this session was given
                if (!session.answer(object, inspection)) {
                    LOG.warn(
                            "Session {} answered a request it has not been given (unknown, already answered or"
                                    + " another session's); dropped it",
                            shortId(session));
                }
                accepted(response, callback);
            }
        }
    }

    private byte[] readBody(Request request) throws Refusal, IOException {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        }
    }

    private Refusal tooLarge() {
        return new Refusal(
                413,
                null,
                JsonRpc.LIMIT_EXCEEDED,
                "The request is larger than the gateway's limit of %d MB.".formatted(maxBodyBytes / (1024 * 1024)));
    }

    private static JsonNode parse(byte[] body) throws Refusal {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new Refusal(400, null, JsonRpc.PARSE_ERROR, "The request body is empty.");
            }
            return node;
        } catch (JacksonException e) {
            throw new Refusal(400, null, JsonRpc.PARSE_ERROR, "The request body is not valid JSON.");
        }
    }

    private void initialize(
            Response response, Callback callback, String client, Endpoint endpoint, ObjectNode message, long received)
            throws Refusal {
        JsonNode id = message.get("id");
        ClientSession.Reach reach = switch (endpoint) {
            case Endpoint.OneServer(String server, ServerState state) ->
                new ClientSession.Reach.OneServer(server, running(state, server, id));
            case Endpoint.AllServers all -> new ClientSession.Reach.AllServers(new ResourceRoutes());
        };
        JsonNode requested = message.path("params").path("protocolVersion");
        if (!requested.isString()) {
            throw new Refusal(400, id, JsonRpc.INVALID_PARAMS, "initialize needs params.protocolVersion.");
        }
        ObjectNode upstream = reach instanceof ClientSession.Reach.OneServer one
                ? one.connection().initializeResult()
                : null;
        String version;
        if (SUPPORTED_VERSIONS.contains(requested.asString())) {
            version = requested.asString();
        } else if (upstream == null) {
            version = LATEST_VERSION;
        } else {
            version = upstream.path("protocolVersion").asString(ServerConnection.UPSTREAM_PROTOCOL_VERSION);
        }
        JsonNode info = message.path("params").path("clientInfo");
        var session = new ClientSession(
                sessions.newId(),
                client,
                reach,
                version,
                CallRecorder.clip(info.path("name").asString("unknown")),
                CallRecorder.clip(info.path("version").asString("")),
                message.path("params").get("capabilities") instanceof ObjectNode capabilities
                        ? capabilities.deepCopy()
                        : JsonRpc.object());
        switch (sessions.add(session)) {
            case GATEWAY_FULL ->
                throw new Refusal(
                        503,
                        id,
                        JsonRpc.LIMIT_EXCEEDED,
                        "The gateway has too many open sessions; close some AI app windows and try again.");
            case CLIENT_FULL ->
                throw new Refusal(
                        429,
                        id,
                        JsonRpc.LIMIT_EXCEEDED,
                        "This AI app has too many open sessions with Airlock; restart the app, or wait for its old"
                                + " sessions to expire.");
            case ADMITTED -> {}
        }
        ObjectNode result;
        if (upstream == null) {
            result = AggregateRouter.initializeResult(version);
        } else {
            result = JsonRpc.object();
            result.put("protocolVersion", version);
            ObjectNode offered = upstream.get("capabilities") instanceof ObjectNode declared
                    ? declared.deepCopy()
                    : JsonRpc.object();
            if (offered.get("tools") instanceof ObjectNode tools) {
                // the gateway itself says so when the user approves a tool it had hidden
                tools.put("listChanged", true);
            }
            result.set("capabilities", offered);
            result.set("serverInfo", upstream.path("serverInfo").deepCopy());
            if (upstream.has("instructions")) {
                result.set("instructions", upstream.get("instructions").deepCopy());
            }
        }
        response.getHeaders().put(SESSION_HEADER, session.id());
        // recorded before the answer leaves: whoever saw the answer finds the record
        recorder.initialized(session, message, result, received);
        sendJson(response, callback, 200, JsonRpc.result(id, result));
        LOG.info(
                "Session {} opened on {} by {} ({})",
                shortId(session),
                reach instanceof ClientSession.Reach.OneServer one ? one.server() : ALL_SERVERS,
                client,
                session.clientName());
    }

    /**
     * Handles a POSTed message of MCP 2026-07-28 (see {@link StatelessRevision#claims}); false when it
     * is of the session-based versions.
     */
    private boolean handledStateless(
            Request request,
            Response response,
            Callback callback,
            String client,
            Endpoint endpoint,
            String version,
            JsonRpc.Kind kind,
            ObjectNode object,
            long received)
            throws Refusal, IOException, InterruptedException {
        if (kind == JsonRpc.Kind.REQUEST) {
            var headers = request.getHeaders();
            switch (StatelessRevision.check(
                    object,
                    version,
                    headers.get(SESSION_HEADER),
                    new StatelessRevision.Headers(
                            headers.get(StatelessRevision.METHOD_HEADER),
                            headers.get(StatelessRevision.NAME_HEADER)))) {
                case StatelessRevision.Verdict.Sessioned sessioned -> {}
                case StatelessRevision.Verdict.Accepted accepted -> {
                    stateless(request, response, callback, client, endpoint, accepted, object, received);
                    return true;
                }
                case StatelessRevision.Verdict.Refused(int status, int code, String text, JsonNode data) ->
                    throw new Refusal(status, object.get("id"), code, text, data);
            }
        } else if (StatelessRevision.claims(
                object, version, request.getHeaders().get(SESSION_HEADER))) {
            String method = JsonRpc.method(object);
            if (kind == JsonRpc.Kind.NOTIFICATION && StatelessRevision.removedNotification(method)) {
                throw new Refusal(
                        404,
                        null,
                        JsonRpc.METHOD_NOT_FOUND,
                        "MCP %s has no notification '%s'.".formatted(StatelessRevision.VERSION, printable(method)));
            }
            // without a session, it belongs to no request the gateway knows of; nothing is passed on
            LOG.debug("Dropped a {} message under {}", kind, StatelessRevision.VERSION);
            accepted(response, callback);
            return true;
        }
        return false;
    }

    /**
     * A request of MCP 2026-07-28: answered here ({@code server/discover}) or forwarded as in a session,
     * carried by a session that lives for this request only and is never registered.
     */
    private void stateless(
            Request request,
            Response response,
            Callback callback,
            String client,
            Endpoint endpoint,
            StatelessRevision.Verdict.Accepted app,
            ObjectNode message,
            long received)
            throws Refusal, IOException, InterruptedException {
        JsonNode id = message.get("id");
        String method = JsonRpc.method(message);
        if (!StatelessRevision.offers(method)) {
            throw new Refusal(
                    404,
                    id,
                    JsonRpc.METHOD_NOT_FOUND,
                    "MCP %s has no method '%s' at this gateway."
                            .formatted(StatelessRevision.VERSION, printable(method)));
        }
        ClientSession.Reach reach = switch (endpoint) {
            case Endpoint.OneServer(String server, ServerState state) ->
                new ClientSession.Reach.OneServer(server, running(state, server, id));
            case Endpoint.AllServers all -> new ClientSession.Reach.AllServers(new ResourceRoutes());
        };
        var session = new ClientSession(
                sessions.newId(), client, reach, StatelessRevision.VERSION, app.clientName(), app.clientVersion());
        if ("server/discover".equals(method)) {
            ObjectNode init = reach instanceof ClientSession.Reach.OneServer one
                    ? one.connection().initializeResult()
                    : AggregateRouter.initializeResult(LATEST_VERSION);
            ObjectNode answer = JsonRpc.result(id, StatelessRevision.discoverResult(init));
            recorder.answered(session, message, answer, received);
            sendJson(response, callback, 200, answer);
            return;
        }
        StatelessRevision.stripMeta(message);
        onRequest(request, response, callback, session, message, received);
    }

    private ClientSession session(Request request, String client, Endpoint endpoint) throws Refusal {
        String id = request.getHeaders().get(SESSION_HEADER);
        if (id == null) {
            throw new Refusal(400, null, JsonRpc.INVALID_REQUEST, "Mcp-Session-Id is missing; send initialize first.");
        }
        ClientSession session = sessions.get(id)
                .filter(s -> s.client().equals(client) && reaches(s, endpoint))
                .orElseThrow(() -> new Refusal(
                        404,
                        null,
                        JsonRpc.INVALID_REQUEST,
                        "This session does not exist or has ended; initialize again."));
        if (endpoint instanceof Endpoint.OneServer(String server, ServerState state)
                && !(state instanceof ServerState.Running running && session.isOn(running.connection()))) {
            sessions.remove(session.id()).ifPresent(s -> s.close("the server stopped", Outcome.FAILED));
            throw new Refusal(
                    404,
                    null,
                    JsonRpc.INVALID_REQUEST,
                    "This session ended because the server stopped or restarted; initialize again.");
        }
        session.touch();
        return session;
    }

    /** Whether a session was opened at this address: the same server's, spelt the same, or /mcp. */
    private static boolean reaches(ClientSession session, Endpoint endpoint) {
        return switch (endpoint) {
            case Endpoint.AllServers all -> session.reach() instanceof ClientSession.Reach.AllServers;
            case Endpoint.OneServer one ->
                session.reach() instanceof ClientSession.Reach.OneServer(String server, ServerConnection connection)
                        && server.equals(one.server());
        };
    }

    private static ServerConnection running(ServerState state, String server, JsonNode id) throws Refusal {
        if (state instanceof ServerState.Running running) {
            return running.connection();
        }
        throw new Refusal(503, id, JsonRpc.SERVER_UNAVAILABLE, notRunning(server, state));
    }

    /** Why a server cannot take requests now, and how to change that, for people. */
    static String notRunning(String server, ServerState state) {
        return switch (state) {
            case ServerState.Starting starting ->
                "The server '%s' is still starting; try again in a moment.".formatted(server);
            case ServerState.NeedsSecret needs ->
                "The server '%s' is waiting for a secret: %s Store it in Airlock (or with `airlock secret set %s NAME`)."
                        .formatted(server, needs.reason(), server);
            case ServerState.Failed failed ->
                "The server '%s' is not running: %s Turn it on again in Airlock (or with `airlock enable %s`)."
                        .formatted(server, failed.reason(), server);
            case ServerState.Unavailable unavailable ->
                "The server '%s' is not available: %s".formatted(server, unavailable.reason());
            default ->
                "The server '%s' is turned off. Turn it on in Airlock (or with `airlock enable %s`)."
                        .formatted(server, server);
        };
    }

    private static void notification(ClientSession session, ObjectNode message) {
        switch (JsonRpc.method(message)) {
            case "notifications/initialized", "notifications/roots/list_changed" -> {
                // the gateway did the server's handshake itself, and answers roots/list itself (ADR 0018)
            }
            case "notifications/cancelled" -> {
                PostExchange exchange = session.inFlight(message.path("params").path("requestId"));
                if (exchange != null) {
                    String reason = message.path("params").path("reason").asString(null);
                    exchange.connection().cancel(exchange.upstreamId(), reason);
                    exchange.abandon("The request was cancelled.", Outcome.CANCELLED);
                }
            }
            default -> {
                switch (session.reach()) {
                    case ClientSession.Reach.OneServer one -> one.connection().notify(message);
                    // which server it is for cannot be told
                    case ClientSession.Reach.AllServers all ->
                        LOG.debug("Dropped a {} notification sent to /mcp", printable(JsonRpc.method(message)));
                }
            }
        }
    }

    /** A request in a session: forwarded to its server, or at /mcp answered here or routed to one. */
    private void onRequest(
            Request request,
            Response response,
            Callback callback,
            ClientSession session,
            ObjectNode message,
            long received)
            throws Refusal, IOException, InterruptedException {
        switch (session.reach()) {
            case ClientSession.Reach.OneServer(String server, ServerConnection connection) -> {
                if ("tools/list".equals(JsonRpc.method(message))) {
                    // the whole list, as the tool guard lets it through (ADR 0023)
                    answerHere(response, callback, session, message, toolList(connection, message.get("id")), received);
                } else {
                    forward(request, response, callback, session, connection, message, received);
                }
            }
            case ClientSession.Reach.AllServers(ResourceRoutes resources) -> {
                switch (aggregate.route(resources, message)) {
                    case AggregateRouter.Route.Forward(String server, ServerConnection connection) ->
                        forward(request, response, callback, session, connection, message, received);
                    case AggregateRouter.Route.Answer(ObjectNode answer) ->
                        answerHere(response, callback, session, message, answer, received);
                }
            }
        }
    }

    /** Answers a request with what the gateway itself made of it, recorded like a forwarded one. */
    private void answerHere(
            Response response,
            Callback callback,
            ClientSession session,
            ObjectNode message,
            ObjectNode answer,
            long received) {
        if (session.stateless()) {
            StatelessRevision.complete(answer);
        }
        recorder.answered(session, message, answer, received);
        sendJson(response, callback, 200, answer);
    }

    /** A server's {@code tools/list}, whole (one page), with what the tool guard hid taken out. */
    private ObjectNode toolList(ServerConnection connection, JsonNode id) throws InterruptedException {
        try {
            ObjectNode result = JsonRpc.object();
            result.putArray("tools").addAll(toolGuards.tools(connection, System.nanoTime() + listTimeout.toNanos()));
            return JsonRpc.result(id, result);
        } catch (ServerLists.ListFailedException e) {
            return JsonRpc.error(
                    id,
                    JsonRpc.SERVER_UNAVAILABLE,
                    "The server '%s' did not give its list of tools: %s.".formatted(connection.name(), e.getMessage()));
        }
    }

    private void forward(
            Request request,
            Response response,
            Callback callback,
            ClientSession session,
            ServerConnection connection,
            ObjectNode message,
            long received)
            throws Refusal, IOException, InterruptedException {
        JsonNode clientId = message.get("id");
        // before anything is tracked: should inspection fail, the call fails closed and leaves nothing behind
        CallInspection.Scan scan = inspection.begin(connection.name(), JsonRpc.method(message));
        CallInspection.Outgoing outgoing = scan.arguments(message);
        boolean denied = false;
        if (outgoing instanceof CallInspection.Outgoing.Forward(ObjectNode checked, ObjectNode forRecord)
                && "tools/call".equals(JsonRpc.method(message))) {
            // what would reach the server, redactions included, must be a call the tool policy allows
            CallDecision decision =
                    toolGuards.check(connection, checked.get("params"), System.nanoTime() + listTimeout.toNanos());
            if (decision instanceof CallDecision.Denied refused) {
                LOG.info(
                        "Denied a call to the tool {} of {}: {}",
                        refused.tool() == null ? "(unnamed)" : printable(refused.tool()),
                        connection.name(),
                        refused.reason().replaceAll("[\\p{Cc}\\p{Cf}]", "?"));
                outgoing = new CallInspection.Outgoing.Blocked(refused.error(clientId), forRecord);
                denied = true;
            }
        }
        var exchange =
                new PostExchange(clientId, connection, callQuietLimit, session, accepts(request, "text/event-stream"));
        if (session.inFlightCount() >= MAX_IN_FLIGHT_PER_SESSION) {
            throw new Refusal(
                    429,
                    clientId,
                    JsonRpc.LIMIT_EXCEEDED,
                    "This session already has %d requests waiting for answers; wait for some of them."
                            .formatted(MAX_IN_FLIGHT_PER_SESSION));
        }
        if (!session.track(clientId, exchange)) {
            throw new Refusal(
                    400,
                    clientId,
                    JsonRpc.INVALID_REQUEST,
                    "A request with this id is still in progress in this session.");
        }
        ObjectNode forRecord = switch (outgoing) {
            case CallInspection.Outgoing.Forward forward -> forward.forRecord();
            case CallInspection.Outgoing.Blocked blocked -> blocked.forRecord();
        };
        CallRecorder.Pending call = recorder.forwarding(session, connection.name(), forRecord, received);
        call.inspected(scan);
        if (denied) {
            call.deniedByPolicy();
        }
        UnaryOperator<ObjectNode> complete =
                session.stateless() ? StatelessRevision::complete : UnaryOperator.identity();
        try {
            if (outgoing instanceof CallInspection.Outgoing.Blocked blocked) {
                // nothing reaches the server: the AI app hears why at once
                var answer = new PostExchange.Message(complete.apply(blocked.answer()), true, null);
                call.answered(answer);
                sendJson(response, callback, 200, answer.body());
                return;
            }
            exchange.upstreamId(connection.send(((CallInspection.Outgoing.Forward) outgoing).request(), exchange));
            UnaryOperator<ObjectNode> finish = body -> complete.apply(scan.answer(body));
            respond(request, response, callback, session, exchange, finish, scan::related, call::answered);
        } catch (IOException e) {
            call.ended(Outcome.CANCELLED); // the AI app went away before its answer was written
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            call.ended(Outcome.FAILED);
            throw e;
        } finally {
            session.untrack(clientId);
            exchange.finished();
        }
    }

    /**
     * Writes the exchange's messages to the AI app: one JSON answer, or an event stream when the
     * server sends more than the answer and the app accepts one.
     *
     * @param finish shapes the last message for the protocol version the AI app speaks, after
     *     inspection
     * @param related inspects the server's other messages about the call; null drops one
     * @param beforeLast hears the last message just before it is written, so that the call is
     *     recorded by the time the AI app has its answer
     */
    private static void respond(
            Request request,
            Response response,
            Callback callback,
            ClientSession session,
            PostExchange exchange,
            UnaryOperator<ObjectNode> finish,
            UnaryOperator<ObjectNode> related,
            Consumer<PostExchange.Message> beforeLast)
            throws IOException, InterruptedException {
        boolean sseAllowed = accepts(request, "text/event-stream");
        boolean streaming = false;
        // a session's event stream is kept so that an app whose connection is cut can resume it
        ResumableStream events = null;
        IOException cut = null;
        while (true) {
            PostExchange.Message message = exchange.next();
            if (PostExchange.timedOut(message)) {
                exchange.connection().cancel(exchange.upstreamId(), "the server did not answer in time");
            }
            if (message.last()) {
                message = new PostExchange.Message(finish.apply(message.body()), true, message.abandoned());
                beforeLast.accept(message);
            }
            if (message.last() && !streaming) {
                sendJson(response, callback, 200, message.body());
                return;
            }
            if (!message.last() && !sseAllowed) {
                continue;
            }
            if (!message.last()) {
                ObjectNode inspected = related.apply(message.body());
                if (inspected == null) {
                    continue;
                }
                message = new PostExchange.Message(inspected, false, message.abandoned());
            }
            if (!streaming) {
                startStream(response);
                streaming = true;
                if (session.resumable()) {
                    events = session.openPostStream();
                }
            }
            String text = events == null
                    ? event(message.body())
                    : events.append(message.body(), message.last()).text();
            if (cut == null) {
                try {
                    write(response, message.last(), text);
                } catch (IOException e) {
                    if (events == null) {
                        exchange.connection().cancel(exchange.upstreamId(), "the AI app disconnected");
                        throw e;
                    }
                    // the call goes on: its events are kept for the app to resume with Last-Event-ID
                    LOG.debug("Session {} lost a POST stream; keeping its events", shortId(session));
                    cut = e;
                    callback.failed(e);
                }
            }
            if (message.last()) {
                if (cut == null) {
                    callback.succeeded();
                }
                if (events != null) {
                    session.keepPostStreamForResumption(events, cut != null);
                }
                return;
            }
        }
    }

    // --- GET and DELETE -----------------------------------------------------------------------------

    private void stream(Request request, Response response, Callback callback, String client, Endpoint endpoint)
            throws Refusal, IOException, InterruptedException {
        ClientSession session = session(request, client, endpoint);
        if (!accepts(request, "text/event-stream")) {
            throw new Refusal(
                    406, null, JsonRpc.INVALID_REQUEST, "GET opens an event stream: accept text/event-stream.");
        }
        String lastEventId = request.getHeaders().get(LAST_EVENT_ID_HEADER);
        ResumableStream.Cursor cursor = null;
        ResumableStream resumed = null;
        if (lastEventId != null && session.resumable()) {
            cursor = ResumableStream.Cursor.parse(lastEventId);
            resumed = cursor == null ? null : session.streamNamed(cursor.stream());
            if (resumed == null) {
                throw new Refusal(
                        404,
                        null,
                        JsonRpc.INVALID_REQUEST,
                        "Last-Event-ID names no stream of this session, or one that has ended; open the stream"
                                + " again without it.");
            }
            if (!session.isGetStream(resumed)) {
                resumePost(response, callback, session, resumed, cursor.seq());
                return;
            }
        }
        long opening = session.openStream(resumed != null);
        if (opening == 0) {
            throw new Refusal(409, null, JsonRpc.INVALID_REQUEST, "This session already has an open stream.");
        }
        ResumableStream events = session.getStream();
        // taken before the app can know the stream is open: what comes after that is its to see
        long sent = cursor != null ? cursor.seq() : events.latest();
        try {
            startStream(response);
            write(response, false, ": stream open\n\n");
            while (!session.closed() && session.holdsStream(opening)) {
                List<ResumableStream.Event> next = events.after(sent, TimeUnit.SECONDS.toNanos(KEEPALIVE_SECONDS));
                if (session.closed() || !session.holdsStream(opening)) {
                    break; // the session ended (ClientSession.close wakes it), or the app resumed the stream elsewhere
                }
                if (next.isEmpty()) {
                    // the keep-alive also notices a client that has gone away
                    write(response, false, ": keep-alive\n\n");
                }
                for (ResumableStream.Event event : next) {
                    write(response, false, event.text());
                    sent = event.seq();
                }
            }
            write(response, true, "");
            callback.succeeded();
        } finally {
            session.closeStream(opening);
        }
    }

    /**
     * Goes on with a POST's answer whose stream was cut: the events after the app's last one, then
     * the rest as they come, up to the final answer.
     */
    private static void resumePost(
            Response response, Callback callback, ClientSession session, ResumableStream events, long sent)
            throws IOException, InterruptedException {
        startStream(response);
        write(response, false, ": stream resumed\n\n");
        while (!session.closed()) {
            List<ResumableStream.Event> next = events.after(sent, TimeUnit.SECONDS.toNanos(KEEPALIVE_SECONDS));
            if (next.isEmpty()) {
                write(response, false, ": keep-alive\n\n");
            }
            for (ResumableStream.Event event : next) {
                write(response, false, event.text());
                sent = event.seq();
            }
            if (events.ended() && sent == events.latest()) {
                write(response, true, "");
                callback.succeeded();
                session.keepPostStreamForResumption(events, false);
                return;
            }
        }
        write(response, true, "");
        callback.succeeded();
    }

    private void delete(Request request, Response response, Callback callback, String client, Endpoint endpoint)
            throws Refusal {
        ClientSession session = session(request, client, endpoint);
        sessions.remove(session.id()).ifPresent(s -> s.close("the AI app ended the session", Outcome.CANCELLED));
        response.setStatus(204);
        callback.succeeded();
        LOG.info(
                "Session {} on {} ended by the AI app",
                shortId(session),
                endpoint instanceof Endpoint.OneServer(String server, ServerState state) ? server : ALL_SERVERS);
    }

    // --- writing ------------------------------------------------------------------------------------

    private static boolean accepts(Request request, String mediaType) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept == null || accept.contains(mediaType) || accept.contains("*/*");
    }

    private static void accepted(Response response, Callback callback) {
        response.setStatus(202);
        callback.succeeded();
    }

    private static void startStream(Response response) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    }

    private static String event(ObjectNode message) {
        return "event: message\ndata: " + Json.mapper().writeValueAsString(message) + "\n\n";
    }

    private static void write(Response response, boolean last, String text) throws IOException {
        try (Blocker.Callback blocker = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), blocker);
            blocker.block();
        }
    }

    private static void sendJson(Response response, Callback callback, int status, JsonNode body) {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static String shortId(ClientSession session) {
        return session.id().substring(0, 6);
    }
}
