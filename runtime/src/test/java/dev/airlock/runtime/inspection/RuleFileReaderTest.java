package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Company rule files in gitleaks' format: real-world rules load, custom ones fire, broken ones are named. */
class RuleFileReaderTest {

    @TempDir
    Path dir;

    private static String gitleaksDefaults() throws IOException {
        try (InputStream in = RuleFileReaderTest.class.getResourceAsStream("gitleaks/gitleaks.toml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * gitleaks' own 222 default rules (test data, see gitleaks/README.md): the ones with a regex compile
     * in RE2/J; the one rule that only matches file paths is reported, with its id, as not applying.
     */
    @Test
    void gitleaksDefaultRulesLoad() throws Exception {
        RuleFileReader.Loaded loaded = RuleFileReader.parse(gitleaksDefaults(), "gitleaks.toml");

        System.out.println("gitleaks default rules: " + loaded.rules().size() + " compiled, "
                + loaded.problems().size() + " not used: " + loaded.problems());
        assertThat(loaded.rules().size() + loaded.problems().size()).isEqualTo(222);
        assertThat(loaded.rules().size()).isEqualTo(221);
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo("pkcs12-file");
            assertThat(p.reason()).contains("no regex");
        });
        assertThat(loaded.rules().untriggered())
                .as("gitleaks rules without keywords or a literal prefix")
                .isEmpty();
    }

    @Test
    void gitleaksDefaultRulesFindTheirTokensInToolOutput() throws Exception {
        RuleSet gitleaks =
                RuleFileReader.parse(gitleaksDefaults(), "gitleaks.toml").rules();
        String token = "ghp_" + "k".repeat(2) + "Xb7Qm2Lp9Rt4Vw8Yz1Cd5Fg3Hj6Nq0Sa2Ue";
        var message = Json.mapper().createObjectNode().put("text", "export GITHUB_TOKEN=" + token + "\n");

        InspectionResult result =
                new Inspector(gitleaks).inspect(message, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(result.findings()).extracting(Finding::ruleId).contains("github-pat");
        assertThat(result.output().get("text").stringValue()).doesNotContain(token);
    }

    @Test
    void aCompanyRuleLoadsAndFiresAlongsideTheBuiltInOnes() throws Exception {
        Path file = dir.resolve("company.toml");
        Files.writeString(file, """
                [[rules]]
                id = "acme-internal-token"
                description = "ACME's own service tokens"
                regex = '''\\b(acme_[a-z0-9]{24})\\b'''
                keywords = ["acme_"]

                [[rules]]
                id = "acme-employee-id"
                description = "ACME employee numbers"
                category = "personal-data"
                regex = '''\\bEMP-([0-9]{6})\\b'''
                [[rules.allowlists]]
                regexes = ['''^000000$''']
                """);

        RuleSet.WithCompanyRules rules = RuleSet.builtInWith(file);

        assertThat(rules.error()).isEmpty();
        assertThat(rules.problems()).isEmpty();
        assertThat(rules.rules().size()).isEqualTo(RuleSet.builtIn().size() + 2);
        assertThat(rules.rules().untriggered())
                .as("EMP- is taken from the regex as its trigger")
                .isEmpty();
        var message = Json.mapper()
                .createObjectNode()
                .put("a", "token acme_0123456789abcdefghijklmn here")
                .put("b", "by EMP-123456 and EMP-000000")
                .put("c", "ghp_" + "Zq3Xb7Qm2Lp9Rt4Vw8Yz1Cd5Fg3Hj6Nq0Sa2");
        InspectionResult result = new Inspector(rules.rules())
                .inspect(message, Direction.TO_SERVER, new InspectionPolicy(Action.REDACT, Action.WARN));

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::location, Finding::count, Finding::action)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("acme-internal-token", "/a", 1, Action.REDACT),
                        org.assertj.core.groups.Tuple.tuple("acme-employee-id", "/b", 1, Action.WARN),
                        org.assertj.core.groups.Tuple.tuple("github-pat", "/c", 1, Action.REDACT));
        assertThat(result.output().get("a").stringValue()).isEqualTo("token [REDACTED:acme-internal-token] here");
    }

    @Test
    void rulesThatCannotBeUsedAreNamedOneByOneAndTheOthersLoad() throws Exception {
        RuleFileReader.Loaded loaded = RuleFileReader.parse("""
                [[rules]]
                id = "look-behind"
                regex = '''(?<=key=)[a-z]{10}'''

                [[rules]]
                id = "back-reference"
                regex = '''(['"])[a-z]{10}\\1'''

                [[rules]]
                id = "no-regex"
                path = '''\\.pem$'''

                [[rules]]
                id = "bad-category"
                regex = '''x{3}'''
                category = "gossip"

                [[rules]]
                id = "fine"
                regex = '''\\bfine_[a-z]{8}\\b'''

                [[rules]]
                id = "fine"
                regex = '''twice'''
                """, "company.toml");

        assertThat(loaded.rules().ids()).containsExactly("fine");
        assertThat(loaded.problems())
                .extracting(RuleProblem::ruleId)
                .containsExactly("look-behind", "back-reference", "no-regex", "bad-category", "fine");
        assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.reason()).isNotBlank());
        assertThat(loaded.problems().getFirst().reason()).contains("not supported");
    }

    @Test
    void aFileThatIsNotTomlFailsAsAWholeAndTheBuiltInRulesStayInForce() throws Exception {
        Path file = dir.resolve("broken.toml");
        Files.writeString(file, "[[rules]\nid = \"unclosed\n");

        RuleSet.WithCompanyRules rules = RuleSet.builtInWith(file);

        assertThat(rules.error()).get().asString().contains("broken.toml").contains("not valid TOML");
        assertThat(rules.rules().ids()).isEqualTo(RuleSet.builtIn().ids());
        var message = Json.mapper().createObjectNode().put("t", "ghp_" + "Zq3Xb7Qm2Lp9Rt4Vw8Yz1Cd5Fg3Hj6Nq0Sa2");
        assertThat(new Inspector(rules.rules())
                        .inspect(message, Direction.TO_APP, InspectionPolicy.defaults())
                        .findings())
                .extracting(Finding::ruleId)
                .containsExactly("github-pat");
    }

    @Test
    void aFileWithoutRulesOrThatIsMissingGetsAClearError() {
        assertThatThrownBy(() -> RuleFileReader.parse("title = \"nothing\"\n", "empty.toml"))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("no [[rules]]");
        assertThatThrownBy(() -> RuleFileReader.read(dir.resolve("missing.toml")))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("could not read");
        assertThat(RuleSet.builtInWith(dir.resolve("missing.toml")).error()).isPresent();
    }

    @Test
    void aLiteralPrefixIsTakenOnlyWhereItIsCertain() {
        assertThat(LiteralPrefix.of("\\b(ghp_[A-Za-z0-9]{36})")).contains("ghp_");
        assertThat(LiteralPrefix.of("(?i)\\bEMP-([0-9]{6})")).contains("emp-");
        assertThat(LiteralPrefix.of("abcd?e")).contains("abc");
        assertThat(LiteralPrefix.of("abc|xyz")).isEmpty();
        assertThat(LiteralPrefix.of("[a-z]+_token")).isEmpty();
        assertThat(LiteralPrefix.of("ab.*")).isEmpty();
        assertThat(LiteralPrefix.of("(abc_[a-z]+)?def")).isEmpty();
        assertThat(LiteralPrefix.of("(?:abc|xyz)_[a-z]+")).isEmpty();
    }
}
