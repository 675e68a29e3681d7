package dev.airlock.runtime.activity;

import java.time.Instant;

/**
 * A call that has ended, as the gateway reports it to the {@link ActivityLog}, which numbers it.
 *
 * @param client the name of the gateway token the AI app used
 * @param clientApp the name the AI app gave in {@code initialize}
 * @param server the server's short name
 * @param target the tool, prompt or resource called; null when the method has none
 * @param request the call's parameters as JSON text (see {@link CallText}); null when it had none
 * @param response the answer's result or error as JSON text; null when there was none
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
        String response) {}
