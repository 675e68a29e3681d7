package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.airlock.runtime.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One finding per matched region: where several rules match the same text, the most specific one names
 * it, the Activity badge counts it once, and the text is redacted once. Each case first checks that the
 * rules really do overlap when matched on their own, so that the test cannot pass by a rule not firing.
 */
class OverlapsTest {

    private static final RuleSet BUILT_IN = RuleSet.builtIn();
    private static final Inspector INSPECTOR = new Inspector(BUILT_IN);
    private static final InspectionPolicy REDACT_ALL = new InspectionPolicy(Action.REDACT, Action.REDACT);

    /** A realistic fake AWS secret key (random, of the real alphabet), not the documentation example. */
    private static final String AWS_SECRET = "h7Tq2Lx9Vb4Nw1Rz8Kc3Pm6Yd0Fs5Gj2Ua7Ei9Oo";

    private static final String GITHUB_TOKEN = "ghp_" + "Zq3Xb7Qm2Lp9Rt4Vw8Yz1Cd5Fg3Hj6Nq0Sa2";

    /** The rules that match {@code text} when each runs on its own, before overlaps are resolved. */
    private static List<String> rulesMatchingAlone(RuleSet rules, String text) {
        return new TextScanner(rules.rules())
                .scan(text, rule -> true).stream().map(hit -> hit.rule().id()).toList();
    }

    private static InspectionResult inspect(Inspector inspector, String text, InspectionPolicy policy) {
        JsonNode message = Json.mapper().createObjectNode().put("text", text);
        return inspector.inspect(message, Direction.TO_APP, policy);
    }

    @Test
    void anAwsSecretKeyAssignmentIsOneAwsFindingNotAlsoAGenericSecret() {
        String text = "aws_secret_access_key = " + AWS_SECRET;
        assertThat(rulesMatchingAlone(BUILT_IN, text))
                .containsExactlyInAnyOrder("aws-secret-access-key", "generic-secret-assignment");

        InspectionResult result = inspect(INSPECTOR, text, InspectionPolicy.defaults());

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::count, Finding::action)
                .containsExactly(tuple("aws-secret-access-key", 1, Action.REDACT));
        assertThat(result.output().get("text").stringValue())
                .isEqualTo("aws_secret_access_key = [REDACTED:aws-secret-access-key]");
    }

    @Test
    void twoSecretsThatDoNotOverlapAreStillTwoFindings() {
        String text = "aws_secret_access_key = " + AWS_SECRET + "\nGITHUB_TOKEN=" + GITHUB_TOKEN;

        InspectionResult result = inspect(INSPECTOR, text, InspectionPolicy.defaults());

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::count)
                .containsExactlyInAnyOrder(tuple("aws-secret-access-key", 1), tuple("github-pat", 1));
        assertThat(result.output().get("text").stringValue())
                .isEqualTo("aws_secret_access_key = [REDACTED:aws-secret-access-key]\n"
                        + "GITHUB_TOKEN=[REDACTED:github-pat]");
    }

    @Test
    void aSecretToRedactWinsOverPersonalDataToWarnAboutAndTheMoreSpecificRuleWinsWhenBothAreRedacted() {
        String text = "password: jane.q.doe+7@acme-corp.io";
        assertThat(rulesMatchingAlone(BUILT_IN, text))
                .containsExactlyInAnyOrder("email-address", "generic-secret-assignment");

        // by default the secret is redacted and the e-mail address only warned about: the stricter
        // action names the finding, so resolving the overlap never leaves the value in the clear
        InspectionResult defaults = inspect(INSPECTOR, text, InspectionPolicy.defaults());
        assertThat(defaults.findings())
                .extracting(Finding::ruleId, Finding::action)
                .containsExactly(tuple("generic-secret-assignment", Action.REDACT));
        assertThat(defaults.output().get("text").stringValue())
                .isEqualTo("password: [REDACTED:generic-secret-assignment]");

        InspectionResult both = inspect(INSPECTOR, text, REDACT_ALL);
        assertThat(both.findings()).extracting(Finding::ruleId).containsExactly("email-address");
        assertThat(both.output().get("text").stringValue()).isEqualTo("password: [REDACTED:email-address]");
    }

    @Test
    void aCompanyRuleThatOverlapsABuiltInOneIsOrderedBySpecificity(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("company.toml");
        Files.writeString(file, """
                # gitleaks' generic rule, as a company may bring it along with its own
                [[rules]]
                id = "generic-api-key"
                description = "Generic API key"
                regex = '''(?i)(?:key|api|token|secret)(?:[0-9a-z\\-_\\t .]{0,20})(?:[\\s|']|[\\s|"]){0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)(?:'|\\"|\\s|=|\\x60){0,5}([0-9a-z\\-_.=]{10,150})(?:['|\\"|\\n|\\r|\\s|\\x60|;]|$)'''
                entropy = 3.5
                keywords = ["key", "api", "token", "secret"]

                [[rules]]
                id = "acme-internal-token"
                description = "ACME's own service tokens"
                regex = '''\\b(acme_[a-z0-9]{24})\\b'''
                keywords = ["acme_"]
                """);
        RuleSet.WithCompanyRules company = RuleSet.builtInWith(file);
        assertThat(company.problems()).isEmpty();
        Inspector inspector = new Inspector(company.rules());
        String acme = "token = acme_0123456789abcdefghijklmn";
        String github = "github api token: " + GITHUB_TOKEN;
        assertThat(rulesMatchingAlone(company.rules(), acme))
                .containsExactlyInAnyOrder("acme-internal-token", "generic-secret-assignment", "generic-api-key");
        assertThat(rulesMatchingAlone(company.rules(), github)).contains("github-pat", "generic-api-key");

        InspectionResult result = inspector.inspect(
                Json.mapper().createObjectNode().put("a", acme).put("b", github),
                Direction.TO_SERVER,
                InspectionPolicy.defaults());

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::location, Finding::count)
                .containsExactlyInAnyOrder(tuple("acme-internal-token", "/a", 1), tuple("github-pat", "/b", 1));
        assertThat(result.output().get("a").stringValue()).isEqualTo("token = [REDACTED:acme-internal-token]");
        assertThat(result.output().get("b").stringValue()).isEqualTo("github api token: [REDACTED:github-pat]");
    }

    @Test
    void theUnionOfOverlappingSpansIsRedactedOnceEvenWhereTheLoserReachesFurther() {
        Rule specific = rule("aws-secret-access-key");
        Rule generic = rule("generic-secret-assignment");
        // the generic match runs on past the specific one: its tail must not stay in the clear
        List<TextScanner.Hit> hits =
                List.of(new TextScanner.Hit(generic, 10, 60), new TextScanner.Hit(specific, 12, 52));

        Overlaps.Resolved resolved = Overlaps.resolve(hits, rule -> Action.REDACT);

        assertThat(resolved.findings()).extracting(h -> h.rule().id()).containsExactly("aws-secret-access-key");
        assertThat(resolved.redactions())
                .extracting(Overlaps.Redaction::start, Overlaps.Redaction::end, Overlaps.Redaction::mark)
                .containsExactly(tuple(10, 60, "[REDACTED:aws-secret-access-key]"));
    }

    @Test
    void aBroadMatchAcrossTwoSpecificOnesLeavesTwoFindingsInOneRedaction() {
        Rule generic = rule("generic-secret-assignment");
        Rule aws = rule("aws-access-key-id");
        Rule github = rule("github-pat");
        List<TextScanner.Hit> hits = List.of(
                new TextScanner.Hit(generic, 5, 70),
                new TextScanner.Hit(aws, 5, 25),
                new TextScanner.Hit(github, 30, 70),
                new TextScanner.Hit(github, 80, 120));

        Overlaps.Resolved resolved = Overlaps.resolve(hits, rule -> Action.REDACT);

        assertThat(resolved.findings())
                .extracting(h -> h.rule().id(), TextScanner.Hit::secretStart)
                .containsExactly(tuple("aws-access-key-id", 5), tuple("github-pat", 30), tuple("github-pat", 80));
        assertThat(resolved.redactions())
                .extracting(Overlaps.Redaction::start, Overlaps.Redaction::end, Overlaps.Redaction::mark)
                .containsExactly(
                        tuple(5, 70, "[REDACTED:aws-access-key-id][REDACTED:github-pat]"),
                        tuple(80, 120, "[REDACTED:github-pat]"));
    }

    @Test
    void rulesAreRankedValidatedThenSpecificThenGenericThenCatchAll() {
        assertThat(rule("card-visa").specificity()).isEqualTo(Specificity.VALIDATED);
        assertThat(rule("aws-secret-access-key").specificity()).isEqualTo(Specificity.SPECIFIC);
        assertThat(rule("generic-secret-assignment").specificity()).isEqualTo(Specificity.GENERIC);
        assertThat(Specificity.of("acme-anything", false, new Trigger.Everywhere(), Validator.NONE))
                .isEqualTo(Specificity.CATCH_ALL);
        assertThat(Specificity.of("acme-broad", true, new Trigger.Keywords(List.of("acme"), false), Validator.NONE))
                .isEqualTo(Specificity.GENERIC);
    }

    private static Rule rule(String id) {
        return BUILT_IN.rules().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
