package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every built-in rule against its positive and negative examples ({@code examples.txt}): a rule that
 * stops matching a positive, or starts matching a negative, fails here. Positives are generated when the
 * test runs (random characters of the right alphabet and length, from a seed fixed per line so that a
 * failure repeats), so the repository holds nothing that looks like a live key.
 */
class InspectionExamplesTest {

    private static final RuleSet RULES = RuleSet.builtIn();
    private static final Inspector INSPECTOR = new Inspector(RULES);
    private static final InspectionPolicy REDACT_ALL = new InspectionPolicy(Action.REDACT, Action.REDACT);
    private static final Map<String, Inspector> ALONE = new java.util.concurrent.ConcurrentHashMap<>();

    private static Inspector alone(String ruleId) {
        return new Inspector(new RuleSet(
                RULES.rules().stream().filter(rule -> rule.id().equals(ruleId)).toList()));
    }

    /** One line of examples.txt, with its generated text. */
    record Example(boolean positive, String ruleId, String text, String longestGenerated, int line) {}

    static List<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        try (InputStream in = InspectionExamplesTest.class.getResourceAsStream("examples.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 3);
                examples.add(generate(parts[0].equals("+"), parts[1], parts[2], i + 1));
            }
        }
        return examples;
    }

    private static final Map<String, String> ALPHABETS = Map.ofEntries(
            Map.entry("alnum", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            Map.entry("alpha", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            Map.entry("upper", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            Map.entry("lower", "abcdefghijklmnopqrstuvwxyz"),
            Map.entry("digit", "0123456789"),
            Map.entry("hex", "0123456789abcdef"),
            Map.entry("upnum", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
            Map.entry("lownum", "abcdefghijklmnopqrstuvwxyz0123456789"),
            Map.entry("b64", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
            Map.entry("url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
            Map.entry("base32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            Map.entry("bech", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"));

    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("\\{\\{(\\w+)(?::(\\d+))?}}");

    private static Example generate(boolean positive, String ruleId, String template, int line) {
        Random random = new Random(template.hashCode());
        Matcher m = PLACEHOLDER.matcher(template.replace("\\n", "\n"));
        StringBuilder text = new StringBuilder();
        String longest = "";
        while (m.find()) {
            String value;
            if (m.group(1).equals("uuid")) {
                value = new UUID(random.nextLong(), random.nextLong()).toString();
            } else {
                String alphabet = ALPHABETS.get(m.group(1));
                int length = Integer.parseInt(m.group(2));
                StringBuilder generated = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    char c = alphabet.charAt(random.nextInt(alphabet.length()));
                    // a token that ends in "-", "+" or "/" would test word boundaries, not the rule
                    while (i == length - 1 && !Character.isLetterOrDigit(c)) {
                        c = alphabet.charAt(random.nextInt(alphabet.length()));
                    }
                    generated.append(c);
                }
                value = generated.toString();
            }
            if (value.length() > longest.length()) {
                longest = value;
            }
            m.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        m.appendTail(text);
        return new Example(positive, ruleId, text.toString(), longest, line);
    }

    @TestFactory
    Stream<DynamicTest> everyRuleMatchesItsPositivesAndNotItsNegatives() throws IOException {
        return examples().stream()
                .map(example -> DynamicTest.dynamicTest(
                        (example.positive() ? "+ " : "- ") + example.ruleId() + " (line " + example.line() + ")",
                        () -> check(example)));
    }

    /**
     * Each rule is checked on its own, with a rule set of just that rule: where a more specific rule
     * overlaps it in the full set, that one names the finding ({@link Overlaps}), and this test is about
     * what each rule matches. The full set is checked too: a positive example is still hidden there.
     */
    private static void check(Example example) {
        ObjectNode message = Json.mapper().createObjectNode().put("text", example.text());
        InspectionResult result = ALONE.computeIfAbsent(example.ruleId(), InspectionExamplesTest::alone)
                .inspect(message, Direction.TO_APP, REDACT_ALL);
        List<String> fired = result.findings().stream().map(Finding::ruleId).toList();
        if (example.positive()) {
            assertThat(fired).as("rules that fired on line %d", example.line()).contains(example.ruleId());
            String output = result.output().get("text").stringValue();
            assertThat(output).contains("[REDACTED:");
            if (!example.longestGenerated().isEmpty()) {
                assertThat(output)
                        .as("the generated secret on line %d is gone", example.line())
                        .doesNotContain(example.longestGenerated());
                InspectionResult all = INSPECTOR.inspect(message, Direction.TO_APP, REDACT_ALL);
                assertThat(all.output().get("text").stringValue())
                        .as("the generated secret on line %d is gone with every rule running", example.line())
                        .doesNotContain(example.longestGenerated());
            }
        } else {
            assertThat(fired).as("rules that fired on line %d", example.line()).doesNotContain(example.ruleId());
        }
    }

    @Test
    void everyBuiltInRuleHasAPositiveAndANegativeExample() throws IOException {
        List<Example> examples = examples();
        for (String id : RULES.ids()) {
            assertThat(examples)
                    .as("positive examples of %s", id)
                    .anyMatch(e -> e.positive() && e.ruleId().equals(id));
            assertThat(examples)
                    .as("negative examples of %s", id)
                    .anyMatch(e -> !e.positive() && e.ruleId().equals(id));
        }
        assertThat(examples).allSatisfy(e -> assertThat(RULES.ids()).contains(e.ruleId()));
    }

    @Test
    void builtInRulesCoverAtLeastEightySecretTypesAndTheAskedPersonalData() {
        Map<Category, List<String>> byCategory = RULES.ids().stream()
                .collect(Collectors.groupingBy(id -> RULES.categoryOf(id).orElseThrow()));
        assertThat(byCategory.get(Category.SECRET)).hasSizeGreaterThanOrEqualTo(80);
        assertThat(byCategory.get(Category.PERSONAL_DATA))
                .contains(
                        "email-address",
                        "card-visa",
                        "card-mastercard",
                        "card-amex",
                        "iban",
                        "us-ssn",
                        "ipv4-address",
                        "ipv6-address",
                        "phone-number-international");
        assertThat(RULES.untriggered())
                .as("built-in rules that would run over everything")
                .isEmpty();
    }

    @Test
    void findingsNeverCarryTheMatchedText() throws IOException {
        for (Example example : examples()) {
            if (!example.positive() || example.longestGenerated().isEmpty()) {
                continue;
            }
            JsonNode message = Json.mapper().createObjectNode().put("text", example.text());
            InspectionResult result = INSPECTOR.inspect(message, Direction.TO_SERVER, InspectionPolicy.defaults());
            assertThat(result.findings().toString()).doesNotContain(example.longestGenerated());
            assertThat(result.findings().stream().map(Finding::location).sorted(Comparator.naturalOrder()))
                    .allMatch(location -> location.equals("/text"));
        }
    }
}
