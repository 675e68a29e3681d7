package dev.airlock.runtime.gateway;

import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.activity.Call;
import dev.airlock.runtime.activity.CallText;
import dev.airlock.runtime.activity.Outcome;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reports each call the gateway handles to the activity log when it ends. It runs on the request's
 * own thread, so it keeps only what the record needs and writes at most {@link CallText#MAX_CHARS}
 * of JSON for the request and for the answer, however large they are. Recording never fails a call:
 * should it go wrong, the AI app still gets its answer and the log says why the record is missing.
 */
final class CallRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    static final int MAX_NAME_CHARS = 200;

    private final ActivityLog log;

    CallRecorder(ActivityLog log) {
        this.log = log;
    }

    /**
     * A request about to go to the server. Called before it is sent, because sending rewrites its id
     * and progress token to the gateway's own.
     *
     * @param receivedNanos when the gateway received it, by {@link System#nanoTime()}
     */
    Pending forwarding(ClientSession session, String server, ObjectNode request, long receivedNanos) {
        String method = JsonRpc.method(request);
        JsonNode params = request.get("params");
        return new Pending(
                session, server, clip(method), target(method, params), text(params), receivedNanos, Instant.now());
    }

    /** The gateway answered an {@code initialize} itself and opened the session. */
    void initialized(ClientSession session, ObjectNode request, ObjectNode result, long receivedNanos) {
        answered(session, request, JsonRpc.result(request.get("id"), result), receivedNanos);
    }

    /**
     * The gateway answered a request itself, without asking a server for it: {@code initialize}, and
     * at {@code /mcp} the lists it gathers and the calls it cannot route.
     */
    void answered(ClientSession session, ObjectNode request, ObjectNode response, long receivedNanos) {
        long elapsed = System.nanoTime() - receivedNanos;
        String method = JsonRpc.method(request);
        JsonNode params = request.get("params");
        JsonNode error = response.get("error");
        record(new Call(
                Instant.now().minusNanos(elapsed),
                session.client(),
                session.clientName(),
                serverOf(session),
                clip(method),
                target(method, params),
                outcome(method, response),
                elapsed / 1_000_000,
                text(params),
                text(error != null ? error : response.get("result"))));
    }

    /** The server a session's own requests are recorded under; {@code airlock} for {@code /mcp}. */
    private static String serverOf(ClientSession session) {
        return switch (session.reach()) {
            case ClientSession.Reach.OneServer one -> one.connection().name();
            case ClientSession.Reach.AllServers all -> AggregateRouter.NAME;
        };
    }

    private void record(Call call) {
        try {
            log.record(call);
        } catch (RuntimeException e) {
            LOG.warn("A {} call to {} could not be recorded", call.method(), call.server(), e);
        }
    }

    private static String text(JsonNode node) {
        try {
            return CallText.json(node);
        } catch (RuntimeException e) {
            LOG.debug("Could not write a call's JSON for its record", e);
            return null;
        }
    }

    /** One forwarded request, until it ends; it is recorded once, by whichever end comes first. */
    final class Pending {

        private final ClientSession session;
        private final String server;
        private final String method;
        private final String target;
        private final String request;
        private final long receivedNanos;
        private final Instant startedAt;
        private CallInspection.Scan scan;
        private boolean denied;
        private boolean recorded;

        private Pending(
                ClientSession session,
                String server,
                String method,
                String target,
                String request,
                long receivedNanos,
                Instant startedAt) {
            this.session = session;
            this.server = server;
            this.method = method;
            this.target = target;
            this.request = request;
            this.receivedNanos = receivedNanos;
            this.startedAt = startedAt;
        }

        /** What inspection finds in the call, both ways, goes on its record. */
        void inspected(CallInspection.Scan scan) {
            this.scan = scan;
        }

        /** The tool policy stopped the call before it reached the server. */
        void deniedByPolicy() {
            denied = true;
        }

        /** The exchange ended with this message: the server's answer, or the gateway's when it gave up. */
        void answered(PostExchange.Message last) {
            ObjectNode body = last.body();
            Outcome outcome = last.abandoned() != null ? last.abandoned() : outcome(method, body);
            if (denied || (scan != null && scan.blocked())) {
                outcome = Outcome.BLOCKED;
            }
            if (scan != null && scan.answerForRecord() != null) {
                body = scan.answerForRecord(); // the record never keeps what inspection found
            }
            JsonNode error = body.get("error");
            record(outcome, text(error != null ? error : body.get("result")));
        }

        /** The exchange ended without an answer to the AI app. */
        void ended(Outcome outcome) {
            record(outcome, null);
        }

        private void record(Outcome outcome, String response) {
            if (recorded) {
                return;
            }
            recorded = true;
            CallRecorder.this.record(new Call(
                    startedAt,
                    session.client(),
                    session.clientName(),
                    server,
                    method,
                    target,
                    outcome,
                    (System.nanoTime() - receivedNanos) / 1_000_000,
                    request,
                    response,
                    scan == null ? List.of() : scan.findings(),
                    scan != null && scan.partlyInspected()));
        }
    }

    /**
     * An answer's outcome. The gateway's server connection answers for a server that stopped
     * ({@link JsonRpc#SERVER_UNAVAILABLE}) or a reply over the size limit ({@link
     * JsonRpc#LIMIT_EXCEEDED}); the MCP SDKs use the same codes for a closed connection and a timeout,
     * so from a server too they mean no real answer came. A tool that reports {@code isError} failed
     * as far as the person is concerned, though the protocol call succeeded.
     */
    static Outcome outcome(String method, ObjectNode response) {
        JsonNode error = response.get("error");
        if (error != null) {
            int code = error.path("code").asInt(0);
            return code == JsonRpc.SERVER_UNAVAILABLE || code == JsonRpc.LIMIT_EXCEEDED
                    ? Outcome.FAILED
                    : Outcome.ERROR;
        }
        if ("tools/call".equals(method)
                && response.path("result").path("isError").asBoolean(false)) {
            return Outcome.ERROR;
        }
        return Outcome.OK;
    }

    /** What was called: the tool or prompt by name, the resource by URI; null for other methods. */
    static String target(String method, JsonNode params) {
        if (method == null || !(params instanceof ObjectNode object)) {
            return null;
        }
        JsonNode target = switch (method) {
            case "tools/call", "prompts/get" -> object.get("name");
            case "resources/read", "resources/subscribe", "resources/unsubscribe" -> object.get("uri");
            default -> null;
        };
        return target != null && target.isString() ? clip(target.stringValue()) : null;
    }

    /** Names come from the AI app: a long one must not fill the log. */
    static String clip(String value) {
        return value == null || value.length() <= MAX_NAME_CHARS ? value : value.substring(0, MAX_NAME_CHARS);
    }
}
