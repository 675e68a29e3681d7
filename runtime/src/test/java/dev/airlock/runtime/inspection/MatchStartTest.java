package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reading the literal start of a regex must never claim more than the pattern says, and trying a rule
 * anchored at its keywords must find exactly what searching the windows around them found: checked
 * on every built-in rule against the search, over many texts made of the rules' own starts (in both
 * cases, glued to words or standing alone) and the characters around secrets.
 */
class MatchStartTest {

    @Test
    void readsTheLiteralsThatEveryMatchStartsWith() {
        assertThat(MatchStart.of("\\b(ghp_[A-Za-z0-9]{36})\\b")).contains(new MatchStart(true, List.of("ghp_")));
        assertThat(MatchStart.of("\\b(sk_(?:live|test)_[A-Za-z0-9]{24,99})\\b"))
                .contains(new MatchStart(true, List.of("sk_live_", "sk_test_")));
        assertThat(MatchStart.of("\\b(xox[pe]-(?:[0-9]{10,13}-){3}[A-Za-z0-9]{28,64})"))
                .contains(new MatchStart(true, List.of("xoxp-", "xoxe-")));
        assertThat(MatchStart.of("(?i)\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b"))
                .contains(new MatchStart(true, List.of("akia", "asia")));
        assertThat(MatchStart.of("mongodb(?:\\+srv)?://[^:]+:([^@]+)@"))
                .as("the optional group ends the start")
                .contains(new MatchStart(false, List.of("mongodb")));
    }

    @Test
    void givesUpWhereTheStartIsNotPlain() {
        assertThat(MatchStart.of("(?:^|[^\\w+])(\\+[1-9][0-9]{0,2})")).isEmpty();
        assertThat(MatchStart.of("ghp_[a-z]{36}|gho_[a-z]{36}"))
                .as("alternation at the top")
                .isEmpty();
        assertThat(MatchStart.of("^ghp_[a-z]{36}")).isEmpty();
        assertThat(MatchStart.of("(ghp_)?[a-z]{36}")).as("an optional group").isEmpty();
        assertThat(MatchStart.of("(ghp|gho)_[a-z]{36}"))
                .as("a capturing group with alternatives")
                .isEmpty();
        assertThat(MatchStart.of("[a-z]{3}_x")).as("a range").isEmpty();
        assertThat(MatchStart.of("\\b-----BEGIN"))
                .as("a \\b that looks back at a word")
                .isEmpty();
        assertThat(MatchStart.of("a*bc")).isEmpty();
    }

    @Test
    void aQuantifiedCharacterIsLeftOut() {
        assertThat(MatchStart.of("abc?d")).contains(new MatchStart(false, List.of("ab")));
        assertThat(MatchStart.of("ab[cd]+e")).contains(new MatchStart(false, List.of("ab")));
        assertThat(MatchStart.of("ab(?:cd|ef){2}g")).contains(new MatchStart(false, List.of("ab")));
    }

    @Test
    void mostBuiltInSecretRulesAreTriedAnchoredAtTheirKeywords() {
        long anchored = RuleSet.builtIn().rules().stream()
                .filter(r -> r.trigger() instanceof Trigger.Keywords k
                        && MatchStart.of(r.regex().pattern())
                                .filter(m -> m.startsWithOneOf(k.words()))
                                .isPresent())
                .count();

        assertThat(anchored).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aKeywordGluedToTheWordBeforeItIsNotASecret() {
        String token = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5";
        TextScanner scanner = new TextScanner(RuleSet.builtIn().rules());

        assertThat(scanner.scan("x" + token, rule -> true)).isEmpty();
        assertThat(scanner.scan("x " + token, rule -> true))
                .extracting(h -> h.rule().id())
                .containsExactly("github-pat");
    }

    @Test
    void anchoredTriesFindWhatTheSearchFound() throws IOException {
        List<Rule> rules = RuleSet.builtIn().rules();
        TextScanner anchored = new TextScanner(rules, true);
        TextScanner searched = new TextScanner(rules, false);
        List<String> starts = new ArrayList<>();
        for (Rule rule : rules) {
            MatchStart.of(rule.regex().pattern()).ifPresent(m -> starts.addAll(m.literals()));
        }
        List<String> examples = InspectionExamplesTest.examples().stream()
                .map(InspectionExamplesTest.Example::text)
                .toList();
        Random random = new Random(20261122L);
        int withSecrets = 0;
        for (int round = 0; round < 4_000; round++) {
            String text = made(random, starts, examples);
            List<String> found = hits(searched, text);

            assertThat(hits(anchored, text)).as(text).isEqualTo(found);
            withSecrets += found.isEmpty() ? 0 : 1;
        }
        assertThat(withSecrets).as("texts in which the search found a secret").isGreaterThan(1_000);
    }

    private static List<String> hits(TextScanner scanner, String text) {
        return scanner.scan(text, rule -> true).stream()
                .map(h -> h.rule().id() + " " + h.secretStart() + "-" + h.secretEnd())
                .sorted()
                .toList();
    }

    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String AROUND = " _-.:/=\"'\n+~$@";

    /**
     * Rules' starts in either case, glued or not, followed by runs of the characters secrets are made of,
     * and the rules' own examples (examples.txt).
     */
    private static String made(Random random, List<String> starts, List<String> examples) {
        StringBuilder out = new StringBuilder();
        int pieces = 1 + random.nextInt(8);
        for (int p = 0; p < pieces; p++) {
            switch (random.nextInt(5)) {
                case 4 -> out.append(examples.get(random.nextInt(examples.size())));
                case 0 -> {
                    String start = starts.get(random.nextInt(starts.size()));
                    out.append(random.nextBoolean() ? start : start.toUpperCase(Locale.ROOT));
                    int length = random.nextInt(3) == 0 ? random.nextInt(12) : 16 + random.nextInt(120);
                    for (int i = 0; i < length; i++) {
                        out.append(SECRET_CHARS.charAt(random.nextInt(SECRET_CHARS.length())));
                    }
                }
                case 1 -> out.append(AROUND.charAt(random.nextInt(AROUND.length())));
                case 2 -> out.append(SECRET_CHARS.charAt(random.nextInt(SECRET_CHARS.length())));
                default -> {
                    int length = random.nextInt(60);
                    for (int i = 0; i < length; i++) {
                        out.append(
                                random.nextInt(8) == 0
                                        ? AROUND.charAt(random.nextInt(AROUND.length()))
                                        : SECRET_CHARS.charAt(random.nextInt(SECRET_CHARS.length())));
                    }
                }
            }
        }
        return out.toString();
    }
}
