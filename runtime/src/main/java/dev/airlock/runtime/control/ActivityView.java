package dev.airlock.runtime.control;

import java.util.List;

/**
 * One call an AI app made through the gateway, as the Activity screen and {@code airlock activity}
 * show it.
 *
 * @param at when the call started (ISO-8601)
 * @param client the name of the gateway token the AI app used
 * @param clientApp the name the AI app gave in {@code initialize}, such as "claude-ai"
 * @param method the MCP method, such as {@code tools/call}
 * @param target what was called: the tool, prompt or resource; null when the method has none
 * @param outcome {@code ok}, {@code error} (the server answered with an error), {@code failed}
 *     (no answer: the server stopped, a limit) or {@code cancelled}
 * @param request the call's parameters as JSON text, shortened when long
 * @param response the answer as JSON text, shortened when long
 * @param findings what inspection found in the arguments and the answer, never the matched text
 * @param partlyInspected some encoded layer of the call (base64, gzip) was too large to decode whole,
 *     so only its outer text was inspected
 */
public record ActivityView(
        long id,
        String at,
        String client,
        String clientApp,
        String server,
        String method,
        String target,
        String outcome,
        long durationMs,
        String request,
        String response,
        List<FindingView> findings,
        boolean partlyInspected) {

    public ActivityView {
        findings = List.copyOf(findings);
    }

    /** A call inspection has nothing to say about. */
    public ActivityView(
            long id,
            String at,
            String client,
            String clientApp,
            String server,
            String method,
            String target,
            String outcome,
            long durationMs,
            String request,
            String response,
            List<FindingView> findings) {
        this(
                id,
                at,
                client,
                clientApp,
                server,
                method,
                target,
                outcome,
                durationMs,
                request,
                response,
                findings,
                false);
    }
}
