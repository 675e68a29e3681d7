package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The by-hand pre-check of assignment rules may only ever say "cannot" where RE2/J finds no secret the
 * rule accepts: checked against the rule's own regex on the benchmark's code line, on hand-picked
 * edges and on many texts made of the characters that matter (operators, quotes, spaces, keywords,
 * repeated and varied value characters).
 */
class AssignmentValueTest {

    private static final Rule RULE = RuleSet.builtIn().rules().stream()
            .filter(r -> r.id().equals("generic-secret-assignment"))
            .findFirst()
            .orElseThrow();
    private static final AssignmentValue CHECK = AssignmentValue.of(RULE).orElseThrow();

    @Test
    void theBuiltInAssignmentRuleIsRecognisedAndOtherRulesAreNot() {
        assertThat(RuleSet.builtIn().rules().stream()
                        .filter(r -> AssignmentValue.of(r).isPresent())
                        .map(Rule::id))
                .containsExactly("generic-secret-assignment");
    }

    @Test
    void codeThatAssignsACallIsLeftToTheCheckNotTheRegex() {
        String text = "var token = request.header(\"Authorization\");\n    for (int i = 0; i < limit; i++) {\n";
        int start = text.indexOf("token");

        int verdict = CHECK.check(text, start, text.length());

        assertThat(verdict).isGreaterThanOrEqualTo(0);
        agrees(text, start, text.length());
    }

    @Test
    void aRealLookingSecretStillGoesToTheRegex() {
        String text = "token = \"q8Vz3LmT0pXa7RbN2wYe\" # end";
        int start = text.indexOf("token");

        assertThat(CHECK.check(text, start, text.length())).isEqualTo(AssignmentValue.RUN_REGEX);
    }

    @Test
    void aSecretRightAfterCodeTheCheckSkipsIsStillFound() {
        String secret = "q8Vz3LmT0pXa7RbN2wYe";
        String text = "var token = request.header(x);token=" + secret + " and token = request.header(y);";
        TextScanner scanner = new TextScanner(RuleSet.builtIn().rules());

        var hits = scanner.scan(text, rule -> rule.id().equals(RULE.id()));

        assertThat(hits)
                .extracting(h -> text.substring(h.secretStart(), h.secretEnd()))
                .containsExactly(secret);
    }

    @Test
    void edgesAgreeWithTheRegex() {
        String[] texts = {
            "token",
            "token=",
            "token=abcdefg",
            "token=abcdefgh",
            "token:=abcdefghijklmnop",
            "token => 'abcdefghijklmnop'",
            "token    = abcdefghijklmnop ",
            "token_name_is_long.x-y = \"abcdefghijklmnopq\" ",
            "token==abcdefghijklmnop;",
            "token: 😀😀😀😀😀😀😀😀😀😀😀😀😀😀 ",
            "token = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
            "token = éàüöäßçñøåæœ€£¥© ",
            "token = x\ntoken = abcdefghijklmnopqrstu ",
            "token = 0123456789ab, other",
        };
        for (String text : texts) {
            agrees(text, 0, text.length());
            for (int end = 1; end < text.length(); end++) {
                agrees(text, 0, end);
            }
        }
    }

    @Test
    void manyMadeUpTextsAgreeWithTheRegex() {
        Random random = new Random(20261122L);
        String[] pieces = {
            "token",
            "password",
            "secret",
            "=",
            ":",
            "=>",
            ":=",
            " ",
            "  ",
            "\t",
            "\n",
            "\"",
            "'",
            ",",
            ";",
            "`",
            "a",
            "b",
            "c",
            "abcd",
            "Q7",
            "xY9z",
            "request.header(",
            ")",
            "-",
            "_",
            ".",
            "/",
            "é",
            "😀",
            "0123456789"
        };
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder("token");
            int parts = 1 + random.nextInt(30);
            for (int p = 0; p < parts; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String made = text.toString();
            agrees(made, 0, made.length());
            agrees(made, 0, 1 + random.nextInt(made.length()));
        }
    }

    /**
     * What the check says holds for RE2/J: "cannot match" means no match; "no accepted secret, ends by
     * X" means no match, or a match ending by X whose secret the rule refuses.
     */
    private static void agrees(String text, int start, int end) {
        int verdict = CHECK.check(text, start, end);
        if (verdict == AssignmentValue.RUN_REGEX) {
            return;
        }
        Matcher m = RULE.regex().matcher(text.substring(start, end));
        boolean matched = m.lookingAt() && m.end() > 0;
        if (verdict == AssignmentValue.NO_MATCH) {
            assertThat(matched).as("'%s' up to %d", text, end).isFalse();
            return;
        }
        if (matched) {
            assertThat(start + m.end()).as("'%s' up to %d", text, end).isLessThanOrEqualTo(verdict);
            assertThat(m.end())
                    .as("'%s' up to %d reached the window's end", text, end)
                    .isLessThan(end - start);
            String secret = m.group(1);
            assertThat(secret.length() >= 8 && Entropy.shannon(secret) >= RULE.entropy())
                    .as("'%s' up to %d gives an accepted secret %s", text, end, secret)
                    .isFalse();
        }
    }
}
