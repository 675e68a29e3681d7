package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.airlock.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Inspecting whole MCP messages: where findings are reported, what is redacted, what is decoded first. */
class InspectorTest {

    private static final Inspector INSPECTOR = new Inspector(RuleSet.builtIn());

    /** A GitHub token of the right shape, made up per test run. */
    private static String fakeGithubToken() {
        Random random = new Random(20261122L);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder token = new StringBuilder("ghp_");
        for (int i = 0; i < 36; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    private static String gzipBase64(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Test
    void aToolResultIsRedactedInPlaceAndStaysValidOtherwiseIdenticalJson() {
        String token = fakeGithubToken();
        JsonNode result = json("""
                {"content": [
                   {"type": "text", "text": "GITHUB_TOKEN=%s\\nHOME=/home/app"},
                   {"type": "text", "text": "nothing here"}],
                 "structuredContent": {"env": {"GITHUB_TOKEN": "%s", "count": 3}},
                 "isError": false}
                """.formatted(token, token));
        String before = result.toString();

        InspectionResult inspected = INSPECTOR.inspect(result, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(inspected.findings())
                .extracting(Finding::ruleId, Finding::location, Finding::direction, Finding::action, Finding::count)
                .contains(
                        tuple("github-pat", "/content/0/text", Direction.TO_APP, Action.REDACT, 1),
                        tuple("github-pat", "/structuredContent/env/GITHUB_TOKEN", Direction.TO_APP, Action.REDACT, 1));
        assertThat(inspected.redacted()).isTrue();
        assertThat(inspected.blocked()).isFalse();
        String out = inspected.output().toString();
        assertThat(out).doesNotContain(token);
        JsonNode reparsed = json(out);
        assertThat(reparsed.at("/content/0/text").stringValue())
                .isEqualTo("GITHUB_TOKEN=[REDACTED:github-pat]\nHOME=/home/app");
        assertThat(reparsed.at("/structuredContent/env/GITHUB_TOKEN").stringValue())
                .isEqualTo("[REDACTED:github-pat]");
        ObjectNode expected = (ObjectNode) json(before);
        ((ObjectNode) expected.at("/content/0")).put("text", "GITHUB_TOKEN=[REDACTED:github-pat]\nHOME=/home/app");
        ((ObjectNode) expected.at("/structuredContent/env")).put("GITHUB_TOKEN", "[REDACTED:github-pat]");
        assertThat(reparsed).isEqualTo(expected);
        assertThat(result.toString()).as("the input is not changed").isEqualTo(before);
    }

    @Test
    void nothingFoundGivesBackTheSameMessage() {
        JsonNode args = json("{\"query\": \"weather in Paris\", \"days\": 3, \"units\": [\"metric\"]}");
        InspectionResult inspected = INSPECTOR.inspect(args, Direction.TO_SERVER, InspectionPolicy.defaults());
        assertThat(inspected.clean()).isTrue();
        assertThat(inspected.output()).isSameAs(args);
    }

    @Test
    void eachCategoryFollowsItsAction() {
        String token = fakeGithubToken();
        JsonNode args = json("{\"message\": \"key %s card 4111 1111 1111 1111\"}".formatted(token));

        InspectionResult blocked =
                INSPECTOR.inspect(args, Direction.TO_SERVER, new InspectionPolicy(Action.BLOCK, Action.WARN));
        assertThat(blocked.blocked()).isTrue();
        assertThat(blocked.findings())
                .extracting(Finding::ruleId, Finding::action)
                .containsExactlyInAnyOrder(tuple("github-pat", Action.BLOCK), tuple("card-visa", Action.WARN));

        InspectionResult warned =
                INSPECTOR.inspect(args, Direction.TO_SERVER, new InspectionPolicy(Action.WARN, Action.REDACT));
        assertThat(warned.blocked()).isFalse();
        assertThat(warned.toString()).as("a result that may be logged").doesNotContain(token);
        assertThat(blocked.toString()).doesNotContain(token);
        assertThat(warned.output().get("message").stringValue())
                .isEqualTo("key " + token + " card [REDACTED:card-visa]");

        InspectionResult off =
                INSPECTOR.inspect(args, Direction.TO_SERVER, new InspectionPolicy(Action.OFF, Action.OFF));
        assertThat(off.clean()).isTrue();
        assertThat(off.output()).isSameAs(args);
    }

    @Test
    void aCardWithAWrongCheckDigitIsNotReported() {
        JsonNode valid = json("{\"text\": \"pay with 4111 1111 1111 1111\"}");
        JsonNode invalid = json("{\"text\": \"pay with 4111 1111 1111 1112\"}");
        assertThat(INSPECTOR
                        .inspect(valid, Direction.TO_APP, InspectionPolicy.defaults())
                        .findings())
                .extracting(Finding::ruleId, Finding::action)
                .containsExactly(tuple("card-visa", Action.WARN));
        assertThat(INSPECTOR
                        .inspect(invalid, Direction.TO_APP, InspectionPolicy.defaults())
                        .clean())
                .isTrue();
    }

    @Test
    void aSecretInsideGzipInsideBase64RedactsTheWholeBlob() throws IOException {
        String token = fakeGithubToken();
        String blob = gzipBase64("export GITHUB_TOKEN=" + token + "\n");
        JsonNode resource = json("""
                {"contents": [{"uri": "file:///env.gz", "mimeType": "application/gzip", "blob": "%s"}]}
                """.formatted(blob));

        InspectionResult inspected = INSPECTOR.inspect(resource, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(inspected.findings())
                .extracting(Finding::ruleId, Finding::location)
                .contains(tuple("github-pat", "/contents/0/blob"));
        assertThat(inspected.output().at("/contents/0/blob").stringValue()).isEqualTo("[REDACTED:github-pat]");
        assertThat(inspected.output().at("/contents/0/uri").stringValue()).isEqualTo("file:///env.gz");
    }

    @Test
    void secretsHiddenByBase64UrlEncodingOrJsonInAStringAreFound() {
        String token = fakeGithubToken();
        String base64 = Base64.getEncoder().encodeToString(("token: " + token).getBytes(StandardCharsets.UTF_8));
        String url = "https://api.acme.test/x?q="
                + URLEncoder.encode("ghp " + token, StandardCharsets.UTF_8).replace("_", "%5F");
        String embedded = "{\\\"auth\\\": {\\\"token\\\": \\\"" + token.replace("_", "\\\\u005f") + "\\\"}}";
        JsonNode args = json("{\"a\": \"%s\", \"b\": \"%s\", \"c\": \"%s\"}".formatted(base64, url, embedded));

        InspectionResult inspected = INSPECTOR.inspect(args, Direction.TO_SERVER, InspectionPolicy.defaults());

        assertThat(inspected.findings())
                .extracting(Finding::ruleId, Finding::location)
                .contains(tuple("github-pat", "/a"), tuple("github-pat", "/b"), tuple("github-pat", "/c"));
        assertThat(inspected.output().toString()).doesNotContain(token);
        assertThat(inspected.output().get("a").stringValue()).isEqualTo("[REDACTED:github-pat]");
    }

    @Test
    void aPrivateKeyIsRedactedWholeHoweverLong() {
        StringBuilder body = new StringBuilder();
        Random random = new Random(20261122L);
        for (int line = 0; line < 40; line++) {
            for (int i = 0; i < 64; i++) {
                body.append((char) ('A' + random.nextInt(26)));
            }
            body.append('\n');
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----";
        ObjectNode message = Json.mapper().createObjectNode().put("text", "key.pem:\n" + pem + "\ndone");

        InspectionResult inspected = INSPECTOR.inspect(message, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(inspected.output().get("text").stringValue()).isEqualTo("key.pem:\n[REDACTED:private-key]\ndone");
    }

    @Test
    void aGzipBombStopsAtTheLayerLimit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1024 * 1024];
            java.util.Arrays.fill(zeros, (byte) 'a');
            for (int i = 0; i < 64; i++) {
                gzip.write(zeros);
            }
        }
        String blob = Base64.getEncoder().encodeToString(bytes.toByteArray());
        JsonNode resource = json("{\"blob\": \"%s\"}".formatted(blob));

        InspectionResult inspected = INSPECTOR.inspect(resource, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(inspected.clean()).isTrue();
        assertThat(Decoders.base64(blob)).hasSize(Decoders.MAX_LAYER_CHARS);
    }

    @Test
    void decodingStopsAtTheMessageBudgetAndSaysSo() throws IOException {
        String bomb = gzipBase64("a".repeat(Decoders.MAX_LAYER_CHARS));
        ObjectNode resource = Json.mapper().createObjectNode();
        int blobs = Inspector.MAX_DECODED_CHARS / Decoders.MAX_LAYER_CHARS + 1;
        for (int i = 0; i < blobs; i++) {
            resource.put("blob" + i, bomb);
        }
        String token = fakeGithubToken();
        resource.put("last", gzipBase64("token " + token));
        resource.put("plain", "token " + token);

        InspectionResult inspected = INSPECTOR.inspect(resource, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(inspected.complete()).isFalse();
        assertThat(inspected.findings())
                .as("plain text is still scanned after the budget is spent")
                .extracting(Finding::ruleId, Finding::location)
                .containsExactly(tuple("github-pat", "/plain"));
        assertThat(INSPECTOR
                        .inspect(
                                json("{\"blob\": \"%s\"}".formatted(bomb)),
                                Direction.TO_APP,
                                InspectionPolicy.defaults())
                        .complete())
                .isTrue();
    }

    @Test
    void aLayerCutAtItsBoundIsScannedAsFarAsItGoesAndTheCallIsPartlyInspected() throws IOException {
        String token = fakeGithubToken();
        String first = "token " + token + "\n";
        String beyond = "token " + fakeGithubToken();
        String bomb = gzipBase64(first + "a".repeat(Decoders.MAX_LAYER_CHARS) + beyond);
        String urlEncoded = "%41" + "b".repeat(Decoders.MAX_LAYER_CHARS) + " token " + token;

        InspectionResult gzip = INSPECTOR.inspect(
                json("{\"blob\": \"%s\"}".formatted(bomb)), Direction.TO_APP, InspectionPolicy.defaults());
        InspectionResult url = INSPECTOR.inspect(
                json("{\"text\": \"%s\"}".formatted(urlEncoded)), Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(gzip.complete()).isFalse();
        assertThat(gzip.findings())
                .extracting(Finding::ruleId, Finding::count)
                .containsExactly(tuple("github-pat", 1)); // the first; the one past the bound was never decoded
        assertThat(url.complete()).isFalse();
        // a layer of exactly the bound is whole
        assertThat(INSPECTOR
                        .inspect(
                                json("{\"blob\": \"%s\"}".formatted(gzipBase64("a".repeat(Decoders.MAX_LAYER_CHARS)))),
                                Direction.TO_APP,
                                InspectionPolicy.defaults())
                        .complete())
                .isTrue();
    }

    @Test
    void layersInsideLayersStopAtTheDepthLimit() {
        String token = fakeGithubToken();
        String text = "token " + token;
        for (int i = 0; i < Inspector.MAX_LAYERS; i++) {
            text = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(INSPECTOR
                        .inspect(json("{\"t\": \"%s\"}".formatted(text)), Direction.TO_APP, InspectionPolicy.defaults())
                        .findings())
                .extracting(Finding::ruleId)
                .containsExactly("github-pat");
        String deeper = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        assertThat(INSPECTOR
                        .inspect(
                                json("{\"t\": \"%s\"}".formatted(deeper)),
                                Direction.TO_APP,
                                InspectionPolicy.defaults())
                        .clean())
                .isTrue();
    }

    @Test
    void keysWithSlashesAndTildesGetEscapedPointers() {
        String token = fakeGithubToken();
        ObjectNode args = Json.mapper().createObjectNode();
        args.putObject("a/b").put("c~d", token);

        InspectionResult inspected = INSPECTOR.inspect(args, Direction.TO_SERVER, InspectionPolicy.defaults());

        assertThat(inspected.findings()).extracting(Finding::location).containsExactly("/a~1b/c~0d");
        assertThat(inspected.output().at("/a~1b/c~0d").stringValue()).isEqualTo("[REDACTED:github-pat]");
    }

    @Test
    void twoMatchesOfOneRuleInOneValueAreCountedTogether() {
        JsonNode args = json("{\"t\": \"%s and %s\"}".formatted(fakeGithubToken(), fakeGithubToken()));
        InspectionResult inspected = INSPECTOR.inspect(args, Direction.TO_SERVER, InspectionPolicy.defaults());
        assertThat(inspected.findings())
                .extracting(Finding::ruleId, Finding::count)
                .containsExactly(tuple("github-pat", 2));
        assertThat(inspected.output().get("t").stringValue())
                .isEqualTo("[REDACTED:github-pat] and [REDACTED:github-pat]");
    }
}
