package dev.airlock.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityAnswerTest {

    private static ActivityView call(long id, String request, String response) {
        return new ActivityView(
                id,
                "2026-05-01T10:00:00Z",
                "c",
                "app",
                "everything",
                "tools/call",
                "echo",
                "ok",
                1,
                request,
                response,
                List.of());
    }

    @Test
    void withinTheBudgetTheCallsAreAsTheEngineGaveThem() {
        List<ActivityView> calls = List.of(call(2, "{}", "{}"), call(1, null, "{}"));

        assertThat(ActivityAnswer.of(calls, null, 10_000)).isEqualTo(calls);
    }

    @Test
    void afterKeepsOnlyNewerCalls() {
        List<ActivityView> calls = List.of(call(3, "{}", "{}"), call(2, "{}", "{}"), call(1, "{}", "{}"));

        assertThat(ActivityAnswer.of(calls, 1L, 10_000))
                .extracting(ActivityView::id)
                .containsExactly(3L, 2L);
        assertThat(ActivityAnswer.of(calls, 3L, 10_000)).isEmpty();
    }

    @Test
    void pastTheBudgetOlderCallsLoseTheirTextsButStayListed() {
        String text = "x".repeat(1_000);
        List<ActivityView> calls = List.of(call(3, text, text), call(2, text, null), call(1, null, text));

        List<ActivityView> answer = ActivityAnswer.of(calls, null, 5_000);

        assertThat(answer).extracting(ActivityView::id).containsExactly(3L, 2L, 1L);
        assertThat(answer.get(0)).isEqualTo(calls.get(0));
        assertThat(answer.get(1).request()).isEqualTo(ActivityAnswer.LEFT_OUT);
        assertThat(answer.get(1).response()).isNull();
        assertThat(answer.get(2).request()).isNull();
        assertThat(answer.get(2).response()).isEqualTo(ActivityAnswer.LEFT_OUT);
        assertThat(answer.get(2).target()).isEqualTo("echo");
    }
}
