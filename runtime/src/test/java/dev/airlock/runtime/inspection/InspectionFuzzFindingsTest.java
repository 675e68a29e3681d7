package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What fuzzing the inspection engine found ({@link InspectorFuzzTest}, {@link DecodersFuzzTest}), each as
 * a readable regression test. The inputs that found them are in the fuzz tests' seed corpus as well.
 */
class InspectionFuzzFindingsTest {

    private static final Inspector INSPECTOR = new Inspector(RuleSet.builtIn());

    /**
     * Found as a timeout: a megabyte of {@code token: "..."} on one line, 31,775 matches, took seconds per
     * scan because every match looked for its line (up to 8 KiB) and copied it, though no built-in
     * allowlist reads the line. The line is now only found for an allowlist that reads it; this checks
     * that both kinds still work on such a text.
     */
    @Test
    void aLongLineOfSecretsIsScannedAndALineAllowlistStillSeesTheLine() throws Exception {
        String assignment = "token: \"DRizEVm3IZq7Mdu-QhyDUl2H\"";
        String dense = assignment.repeat(Decoders.MAX_LAYER_CHARS / assignment.length());
        JsonNode message = Json.mapper().createObjectNode().put("text", dense);

        InspectionResult result = INSPECTOR.inspect(message, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(result.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("generic-secret-assignment");
            assertThat(finding.count()).isEqualTo(Decoders.MAX_LAYER_CHARS / assignment.length());
        });
        assertThat(result.output().get("text").stringValue())
                .doesNotContain("DRizEVm3IZq7Mdu-QhyDUl2H")
                .contains("token: \"[REDACTED:generic-secret-assignment]\"");

        RuleSet lineAllowed = RuleFileReader.parse("""
                        [[rules]]
                        id = "ticket-token"
                        regex = '''\\b(tkt_[a-z0-9]{12})\\b'''
                        keywords = ["tkt_"]
                        [[rules.allowlists]]
                        regexTarget = "line"
                        regexes = ['''^# sample:''']
                        """, "company.toml").rules();
        JsonNode lines = Json.mapper()
                .createObjectNode()
                .put("text", "# sample: " + "x".repeat(100) + " tkt_a1b2c3d4e5f6\nreal tkt_f6e5d4c3b2a1\n");
        InspectionResult company =
                new Inspector(lineAllowed).inspect(lines, Direction.TO_APP, InspectionPolicy.defaults());
        assertThat(company.output().get("text").stringValue())
                .as("the allowlist reads the line the match is on, and only that line")
                .contains("tkt_a1b2c3d4e5f6")
                .doesNotContain("tkt_f6e5d4c3b2a1");
    }
}
