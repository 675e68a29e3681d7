package dev.airlock.runtime.control;

import java.util.ArrayList;
import java.util.List;

/**
 * What an {@code activity} answer carries over the socket. Ten thousand calls with long requests
 * and answers would pass the reader's limit ({@link ControlProtocol#MAX_RESPONSE_BYTES}), so past a
 * budget the older calls come without their request and response: every call asked for is listed.
 */
final class ActivityAnswer {

    /** Half the reader's limit: the estimate below may be low by half in the worst case. */
    static final long BUDGET_BYTES = ControlProtocol.MAX_RESPONSE_BYTES / 2;

    /** Stands for a request or response left out to stay within the budget. */
    static final String LEFT_OUT = "… (left out to keep the answer small; ask for fewer calls to see it)";

    private static final int FIXED_BYTES = 256;
    private static final int FINDING_BYTES = 128;

    private ActivityAnswer() {}

    /**
     * @param newestFirst the engine's answer
     * @param after only calls with a greater id; null for all
     */
    static List<ActivityView> of(List<ActivityView> newestFirst, Long after, long budgetBytes) {
        var answer = new ArrayList<ActivityView>(newestFirst.size());
        long used = 0;
        for (ActivityView call : newestFirst) {
            if (after != null && call.id() <= after) {
                continue;
            }
            long size = estimate(call);
            if (used + size <= budgetBytes) {
                used += size;
                answer.add(call);
            } else {
                answer.add(withoutTexts(call));
                used += FIXED_BYTES;
            }
        }
        return answer;
    }

    /**
     * JSON-escaping and UTF-8 make a character one byte in the common case, at most three (non-ASCII)
     * or two (quotes); two per character plus the fixed members is a fair budget.
     */
    private static long estimate(ActivityView call) {
        return FIXED_BYTES
                + 2L
                        * (length(call.client())
                                + length(call.clientApp())
                                + length(call.server())
                                + length(call.method())
                                + length(call.target())
                                + length(call.request())
                                + length(call.response())
                                + call.findings().stream()
                                        .mapToInt(f -> FINDING_BYTES
                                                + length(f.rule())
                                                + length(f.description())
                                                + length(f.location()))
                                        .sum());
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static ActivityView withoutTexts(ActivityView call) {
        return new ActivityView(
                call.id(),
                call.at(),
                call.client(),
                call.clientApp(),
                call.server(),
                call.method(),
                call.target(),
                call.outcome(),
                call.durationMs(),
                call.request() == null ? null : LEFT_OUT,
                call.response() == null ? null : LEFT_OUT,
                call.findings(),
                call.partlyInspected());
    }
}
