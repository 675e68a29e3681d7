package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An allowlist regex that has a literal start runs only on subjects that hold the literal: that must
 * never change what the allowlist lets go. Checked for every built-in allowlist and a case-insensitive
 * one, against each regex searched on its own, over subjects made of the literals (in every case, and
 * with the two characters that RE2 folds into ASCII letters: the long s and the Kelvin sign) and the
 * characters around them.
 */
class AllowlistTest {

    @Test
    void guardedRegexesLetGoWhatTheRegexesThemselvesFind() {
        List<Allowlist> allowlists = new ArrayList<>(RuleSet.builtIn().rules().stream()
                .flatMap(rule -> rule.allowlists().stream())
                .distinct()
                .toList());
        allowlists.add(new Allowlist(
                List.of(Pattern.compile("(?i)secret[_-]?key"), Pattern.compile("^x+$")),
                Allowlist.Target.SECRET,
                List.of(),
                false));
        List<String> pieces = new ArrayList<>(List.of(
                "EXAMPLE",
                "example",
                "[REDACTED",
                "x",
                "X",
                "*",
                "{{",
                "}}",
                "<",
                ">",
                "$",
                "{",
                "}",
                "_",
                "-",
                ".",
                " ",
                "=",
                ":",
                "\"",
                "ſecret",
                "Key",
                "key",
                "\u212aey",
                "token",
                "id",
                "csrf",
                "true",
                "null",
                "/a",
                "abc",
                "Q8vZ3"));
        for (Allowlist allowlist : allowlists) {
            for (Allowlist.Guarded guarded : allowlist.guarded()) {
                pieces.addAll(guarded.literals());
            }
        }
        Random random = new Random(20261122L);
        int allowed = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder subject = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                String piece = pieces.get(random.nextInt(pieces.size()));
                subject.append(random.nextBoolean() ? piece : piece.toUpperCase(java.util.Locale.ROOT));
            }
            for (Allowlist allowlist : allowlists) {
                boolean expected = allowlist.regexes().stream()
                        .anyMatch(regex -> regex.matcher(subject).find());
                if (allowlist.stopwords().isEmpty() && !allowlist.regexes().isEmpty()) {
                    assertThat(allowlist.allows(subject, subject, subject))
                            .as("%s on %s", allowlist.regexes(), subject)
                            .isEqualTo(expected);
                    allowed += expected ? 1 : 0;
                }
            }
        }
        assertThat(allowed).as("subjects let go").isGreaterThan(500);
    }

    @Test
    void aRegexWithALiteralStartIsGuardedAndOneAnchoredAtTheStartIsNot() {
        Allowlist allowlist = new Allowlist(
                List.of(Pattern.compile("EXAMPLE(?:KEY)?$"), Pattern.compile("^<[^>]*>$")),
                Allowlist.Target.SECRET,
                List.of(),
                false);

        assertThat(allowlist.guarded())
                .singleElement()
                .satisfies(g -> assertThat(g.literals()).containsExactly("example"));
        assertThat(allowlist.anyOtherRegex().pattern()).isEqualTo("(?:^<[^>]*>$)");
        assertThat(allowlist.allows("AKIAEXAMPLE", "", "")).isTrue();
        assertThat(allowlist.allows("<your-key>", "", "")).isTrue();
        assertThat(allowlist.allows("AKIAQ8VZ3", "", "")).isFalse();
    }
}
