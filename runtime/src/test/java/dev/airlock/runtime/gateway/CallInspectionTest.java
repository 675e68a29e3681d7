package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.control.FindingView;
import dev.airlock.runtime.inspection.Action;
import dev.airlock.runtime.inspection.InspectionPolicy;
import dev.airlock.runtime.inspection.RuleSet;
import dev.airlock.runtime.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class CallInspectionTest {

    @TempDir
    Path dir;

    @Test
    void aServersEntryWinsWhereItSetsAnActionAndTheCompanysDefaultsElsewhere() {
        var inspection = CallInspection.load(
                new InspectionSetup(
                        Optional.of(Json.mapper().readTree("{\"secrets\":\"block\",\"pii\":\"redact\"}")),
                        Optional.empty()),
                server -> Optional.ofNullable(Map.of("github", new ServerPolicy.Inspection("warn", null))
                        .get(server)));

        assertThat(inspection.policyFor("github")).isEqualTo(new InspectionPolicy(Action.WARN, Action.REDACT));
        assertThat(inspection.policyFor("other")).isEqualTo(new InspectionPolicy(Action.BLOCK, Action.REDACT));
        assertThat(inspection.problems()).isEmpty();
    }

    @Test
    void theCompanysDefaultsMayNameOneActionForBoth() {
        assertThat(CallInspection.companyDefaults(Json.mapper().getNodeFactory().stringNode("block")))
                .isEqualTo(new InspectionPolicy(Action.BLOCK, Action.BLOCK));
        assertThatThrownBy(() -> CallInspection.companyDefaults(
                        Json.mapper().getNodeFactory().stringNode("strict")))
                .hasMessageContaining("'strict' is not");
    }

    @Test
    void defaultsThatCannotBeUsedLeaveTheSafeDefaultsInForceAndSaySo() {
        var inspection = CallInspection.load(
                new InspectionSetup(Optional.of(Json.mapper().readTree("{\"secrets\":\"hide\"}")), Optional.empty()),
                server -> Optional.empty());

        assertThat(inspection.policyFor("any")).isEqualTo(InspectionPolicy.defaults());
        assertThat(inspection.problems()).singleElement().asString().contains("inspection.defaults", "\"hide\"");
    }

    @Test
    void aRuleFileThatDoesNotLoadLeavesTheBuiltInRulesInForceAndSaysSo() {
        Path missing = dir.resolve("missing.toml");
        var inspection = CallInspection.load(
                new InspectionSetup(Optional.empty(), Optional.of(missing)), server -> Optional.empty());

        assertThat(inspection.ruleCount()).isEqualTo(RuleSet.builtIn().size());
        assertThat(inspection.problems())
                .singleElement()
                .asString()
                .contains(missing.toString(), "built-in rules stay in force");
        // and inspection still works
        var outgoing =
                inspection.begin("any", "tools/call").arguments(echo("ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"));
        assertThat(((CallInspection.Outgoing.Forward) outgoing).request().toString())
                .contains("[REDACTED:");
    }

    @Test
    void aCompanyRuleFires() throws Exception {
        Path rules = dir.resolve("acme.toml");
        Files.writeString(rules, """
                [[rules]]
                id = "acme-project-code"
                description = "Acme internal project code"
                regex = '''\\b(ACME-PRJ-[0-9]{6})\\b'''
                keywords = ["acme-prj-"]
                """);
        var inspection = CallInspection.load(
                new InspectionSetup(Optional.empty(), Optional.of(rules)), server -> Optional.empty());
        assertThat(inspection.problems()).isEmpty();

        CallInspection.Scan scan = inspection.begin("any", "tools/call");
        var outgoing = scan.arguments(echo("see ACME-PRJ-123456 for details"));

        assertThat(((CallInspection.Outgoing.Forward) outgoing).request().toString())
                .contains("see [REDACTED:acme-project-code] for details");
        assertThat(scan.findings())
                .containsExactly(new FindingView(
                        "acme-project-code",
                        "Acme internal project code",
                        "secret",
                        "to-server",
                        "redact",
                        "/arguments/message",
                        1));
    }

    @Test
    void aBlockedAnswerIsAnErrorThatNamesWhatWasFoundButNeverTheValue() {
        var inspection = CallInspection.load(
                InspectionSetup.NONE, server -> Optional.of(new ServerPolicy.Inspection(null, "block")));
        CallInspection.Scan scan = inspection.begin("crm", "tools/call");
        ObjectNode answer = (ObjectNode) Json.mapper()
                .readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\","
                        + "\"text\":\"Customer card 4111 1111 1111 1111\"}]}}");

        ObjectNode delivered = scan.answer(answer);

        assertThat(delivered.toString()).doesNotContain("4111");
        assertThat(delivered.path("id").asInt()).isEqualTo(7);
        assertThat(delivered.path("error").path("code").asInt()).isEqualTo(CallInspection.BLOCKED);
        assertThat(delivered.path("error").path("message").asString())
                .isEqualTo("Airlock blocked this answer: what the server returned contains what looks like a Visa card"
                        + " number. Your company's policy does not allow passing personal data from this server to"
                        + " your AI app.");
        assertThat(scan.blocked()).isTrue();
        assertThat(scan.answerForRecord().toString()).doesNotContain("4111");
    }

    @Test
    void offTurnsInspectionOffForAServer() {
        var inspection = CallInspection.load(
                InspectionSetup.NONE, server -> Optional.of(new ServerPolicy.Inspection("off", "off")));
        CallInspection.Scan scan = inspection.begin("any", "tools/call");
        ObjectNode request = echo("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEX");

        assertThat(((CallInspection.Outgoing.Forward) scan.arguments(request)).request())
                .isSameAs(request);
        assertThat(scan.findings()).isEmpty();
    }

    private static ObjectNode echo(String message) {
        ObjectNode request = (ObjectNode) Json.mapper()
                .readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}");
        ((ObjectNode) request.get("params")).putObject("arguments").put("message", message);
        return request;
    }
}
