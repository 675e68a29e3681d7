package dev.airlock.runtime.activity;

import dev.airlock.runtime.control.FindingView;
import java.time.Instant;
import java.util.List;

/**
 * A call that has ended, as the gateway reports it to the {@link ActivityLog}, which numbers it.
 *
 * @param client the name of the gateway token the AI app used
 * @param clientApp the name the AI app gave in {@code initialize}
 * @param server the server's short name
 * @param target the tool, prompt or resource called; null when the method has none
 * @param request the call's parameters as JSON text (see {@link CallText}); null when it had none
 * @param response the answer's result or error as JSON text; null when there was none
 * @param findings what inspection found, never the matched text
 * @param partlyInspected some encoded layer was too large to inspect whole
 */
public record Call(
        Instant startedAt,
        String client,
        String clientApp,
        String server,
        String method,
        String target,
        Outcome outcome,
        long durationMs,
        String request,
        String response,
        List<FindingView> findings,
        boolean partlyInspected) {

    public Call {
        findings = List.copyOf(findings);
    }

    /** A call inspection found nothing in. */
    public Call(
            Instant startedAt,
            String client,
            String clientApp,
            String server,
            String method,
            String target,
            Outcome outcome,
            long durationMs,
            String request,
            String response) {
        this(
                startedAt,
                client,
                clientApp,
                server,
                method,
                target,
                outcome,
                durationMs,
                request,
                response,
                List.of(),
                false);
    }
}
