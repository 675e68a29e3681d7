package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.airlock.runtime.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Company rules that take exponential time in a backtracking engine ({@code (a+)+$} on "aaa…b" takes
 * java.util.regex longer than the age of the universe at 100 characters) finish on long input, because
 * RE2/J runs in time linear in the input. The limit is generous on purpose: this proves termination,
 * not speed.
 */
class PathologicalRuleTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @Test
    void nestedQuantifiersOverALongInputFinish() throws Exception {
        RuleSet company = RuleFileReader.parse("""
                [[rules]]
                id = "nested-plus"
                regex = '''(a+)+$'''

                [[rules]]
                id = "overlapping-plus"
                regex = '''(x+x+)+y'''

                [[rules]]
                id = "alternation-star"
                regex = '''^(a|aa)*c'''
                """, "company.toml").rules();
        assertThat(company.untriggered())
                .containsExactlyInAnyOrder("nested-plus", "overlapping-plus", "alternation-star");
        Inspector inspector = new Inspector(company);
        JsonNode message = Json.mapper()
                .createObjectNode()
                .put("a", "a".repeat(100_000) + "b")
                .put("x", "x".repeat(100_000))
                .put("mixed", "a".repeat(50_000) + "x".repeat(50_000) + "!");

        InspectionResult result = assertTimeoutPreemptively(
                GENEROUS,
                () -> inspector.inspect(message, Direction.TO_APP, new InspectionPolicy(Action.REDACT, Action.REDACT)));

        assertThat(result.clean()).isTrue();
    }
}
