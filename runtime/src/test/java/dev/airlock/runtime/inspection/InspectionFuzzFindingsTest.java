package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.airlock.runtime.json.Json;
import java.util.Base64;
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

    /**
     * A token in the plain text and a second one of the same rule percent-encoded beside it: the plain one
     * was redacted, and the decoded layer's match was taken for the same one and skipped, so the hidden
     * token was forwarded. Now the layers of the redacted text are scanned too, where any match is another.
     */
    @Test
    void aSecretEncodedBesideAPlainOneOfTheSameRuleIsRedactedToo() {
        String plain = "ghp_" + "Xb7Qm2Lp9Rt4Vw8Yz1Cd5Fg3Hj6Nq0Sa2Uek";
        String hidden = "ghp%5F" + "Pq8Zr3Mn6Bv1Cx4Lk7Jh2Gf5Ds9Aw0Er3Tyy";
        JsonNode message = Json.mapper().createObjectNode().put("text", "old " + plain + " new " + hidden);

        InspectionResult redacted = INSPECTOR.inspect(message, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(redacted.output().get("text").stringValue()).isEqualTo("[REDACTED:github-pat]");
        assertThat(redacted.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("github-pat");
            assertThat(finding.count())
                    .as("the plain token and the encoded one")
                    .isEqualTo(2);
        });

        InspectionResult warned =
                INSPECTOR.inspect(message, Direction.TO_APP, new InspectionPolicy(Action.WARN, Action.WARN));
        assertThat(warned.output()).isSameAs(message);
        assertThat(warned.findings())
                .as("a kept match found again in the decoded text is not counted twice")
                .singleElement()
                .satisfies(finding -> assertThat(finding.count()).isEqualTo(1));
    }

    /**
     * gzip in base64 whose text goes past the layer bound: the decoder stops at a byte count, inside a
     * three-byte character here, and the cut character made the whole layer look like binary data, so the
     * token at its start was never scanned. Now the cut character is left out and the rest is scanned.
     */
    @Test
    void aSecretInGzipThatIsCutInsideACharacterIsFound() {
        String token = "ghp_" + "Xb7Qm2Lp9Rt4Vw8Yz1Cd5Fg3Hj6Nq0Sa2Uek";
        String head = "GITHUB_TOKEN=" + token + "\n";
        while ((Decoders.MAX_LAYER_CHARS - head.length()) % 3 == 0) {
            head += " "; // so that the bound falls inside a character
        }
        String text = head + "€".repeat(Decoders.MAX_LAYER_CHARS / 3 + 1);
        String blob = Base64.getEncoder().encodeToString(FuzzedText.gzip(text));

        assertThat(Decoders.base64(blob)).startsWith(head).hasSizeLessThanOrEqualTo(Decoders.MAX_LAYER_CHARS);
        JsonNode message = Json.mapper().readTree("""
                {"contents": [{"uri": "file:///env.gz", "blob": "%s"}]}
                """.formatted(blob));
        InspectionResult result = INSPECTOR.inspect(message, Direction.TO_APP, InspectionPolicy.defaults());
        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::location)
                .contains(tuple("github-pat", "/contents/0/blob"));
        assertThat(result.output().at("/contents/0/blob").stringValue()).isEqualTo("[REDACTED:github-pat]");
    }

    /** Percent-decoding kept everything, up to four times the bound every decoded layer is held to. */
    @Test
    void aPercentEncodedLayerIsHeldToTheLayerBound() {
        String value = "%41" + "b".repeat(2 * Decoders.MAX_LAYER_CHARS);

        String decoded = Decoders.percentDecoded(value);

        assertThat(decoded).startsWith("Abbb").hasSize(Decoders.MAX_LAYER_CHARS);
        assertThat(Decoders.unwrap(value))
                .allSatisfy(layer -> assertThat(((Decoders.Layer.Text) layer).text())
                        .hasSizeLessThanOrEqualTo(Decoders.MAX_LAYER_CHARS));
    }
}
