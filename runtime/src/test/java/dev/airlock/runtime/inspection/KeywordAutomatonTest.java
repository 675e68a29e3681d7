package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pass that reports digits only where a digit or separator follows them must report the same
 * runs, and the same keywords, as the pass that reports every digit and lets the caller drop lone ones.
 */
class KeywordAutomatonTest {

    private static final String PIECES = "0123456789 -./()abcXYZ+=_é\n";
    private static final KeywordAutomaton AUTOMATON = new KeywordAutomaton(List.of("token", "key", "a1b", "9x"));

    @Test
    void pairsOnlyReportsWhatEveryDigitReportsWithoutLoneDigits() {
        Random random = new Random(20261122L);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder made = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                made.append(
                        random.nextInt(6) == 0
                                ? "token"
                                : String.valueOf(PIECES.charAt(random.nextInt(PIECES.length()))));
            }
            String text = made.toString();

            assertThat(found(text, true)).as(text).isEqualTo(withoutLoneDigits(text, found(text, false)));
        }
    }

    @Test
    void aPhoneNumberAfterADigitGluedToLettersIsReported() {
        assertThat(found("ab1c 555-0100 9x", true)).containsExactly("digits 5", "keyword 3 at 14");
    }

    /** What the automaton reports, each digit run reported up to where digits and separators end. */
    private static List<String> found(String text, boolean pairsOnly) {
        List<String> found = new ArrayList<>();
        AUTOMATON.scan(
                text,
                new KeywordAutomaton.Hits() {
                    @Override
                    public void hit(int keyword, int start) {
                        found.add("keyword " + keyword + " at " + start);
                    }

                    @Override
                    public int digits(int at) {
                        found.add("digits " + at);
                        int end = at;
                        while (end < text.length() && " -./()0123456789".indexOf(text.charAt(end)) >= 0) {
                            end++;
                        }
                        return end;
                    }
                },
                true,
                pairsOnly);
        return found;
    }

    private static List<String> withoutLoneDigits(String text, List<String> found) {
        return found.stream()
                .filter(f -> {
                    if (!f.startsWith("digits ")) {
                        return true;
                    }
                    int at = Integer.parseInt(f.substring(7));
                    return at + 1 < text.length() && " -./()0123456789".indexOf(text.charAt(at + 1)) >= 0;
                })
                .toList();
    }
}
