package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.airlock.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shortcuts that make scanning fast must not lose a match: anchored rules ({@code windowBefore = 0}),
 * the IBAN start gate, colon-driven IPv6 runs, the binary probe on long base64 values and JSON in text
 * that is only parsed when one of its strings decodes to something.
 */
class ScanShortcutsTest {

    private static final Inspector INSPECTOR = new Inspector(RuleSet.builtIn());
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Fixed: an unlucky value (24 letters and no digit) reads as a word to the generic rule's allowlist. */
    private final Random random = new Random(20261122L);

    private String made(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return out.toString();
    }

    private static InspectionResult inspect(String text) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return INSPECTOR.inspect(result, Direction.TO_APP, InspectionPolicy.defaults());
    }

    private static String text(InspectionResult result) {
        return result.output().at("/content/0/text").stringValue();
    }

    @Test
    void assignmentsCloseTogetherAreEachFoundWhereTheirKeywordStarts() {
        String first = made(24);
        String second = made(24);
        String third = made(24);
        String text = "password=" + first + "\nclient_secret: \"" + second + "\"\nmytoken = " + third + " end";

        InspectionResult result = inspect(text);

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::count)
                .containsExactly(tuple("generic-secret-assignment", 3));
        assertThat(text(result))
                .isEqualTo("password=[REDACTED:generic-secret-assignment]\nclient_secret: \""
                        + "[REDACTED:generic-secret-assignment]\"\nmytoken = [REDACTED:generic-secret-assignment] end");
    }

    @Test
    void anAssignmentWithAValueTooPlainIsNotASecret() {
        InspectionResult result = inspect("var token = request.header(\"Authorization\");");

        assertThat(result.findings()).isEmpty();
    }

    @Test
    void anIbanIsFoundAtTheStartOfAValueAndAfterPunctuationButNotGluedIntoAWord() {
        assertThat(inspect("DE89 3704 0044 0532 0130 00").findings())
                .extracting(Finding::ruleId)
                .containsExactly("iban");
        assertThat(inspect("(IBAN:GB82WEST12345698765432)").findings())
                .extracting(Finding::ruleId)
                .containsExactly("iban");
        assertThat(inspect("xGB82WEST12345698765432").findings()).isEmpty();
    }

    /**
     * E-mail addresses are tried anchored before the local part of each {@code @}: the same addresses
     * must come out as when the rule's regex searches the whole text, in texts of local-part characters,
     * {@code @}s, dots, domains and the characters around addresses. (Searching a window around each
     * {@code @}, as before, took the last 64 characters of a longer local part for an address.)
     */
    @Test
    void eMailAddressesTriedBeforeEachAtAreTheOnesTheSearchFound() {
        Rule anchored = RuleSet.builtIn().rules().stream()
                .filter(r -> r.id().equals("email-address"))
                .findFirst()
                .orElseThrow();
        assertThat(anchored.trigger()).isInstanceOf(Trigger.EmailAt.class);
        Rule everywhere = new Rule(
                anchored.id(),
                anchored.description(),
                anchored.category(),
                anchored.regex(),
                anchored.secretGroup(),
                anchored.entropy(),
                new Trigger.Everywhere(),
                TextScanner.BEFORE,
                TextScanner.AFTER,
                false,
                anchored.validator(),
                anchored.allowlists(),
                anchored.specificity());
        TextScanner withAnchor = new TextScanner(List.of(anchored));
        TextScanner withSearch = new TextScanner(List.of(everywhere));
        String[] pieces = {
            "jane",
            "j.doe",
            "a+b",
            "x_y",
            "%",
            "-",
            "@",
            "@",
            ".",
            ".",
            "acme-corp",
            "de",
            "co",
            "uk",
            "example",
            "com",
            " ",
            ",",
            "\n",
            "\"",
            "<",
            ">",
            "(",
            "é",
            "a".repeat(63),
            "b".repeat(70),
            "mail.",
            "jane@acme-corp.de",
            "j.smith+billing@mail.acme.co.uk",
            "x@y.io",
            "@acme.com",
            "ops@"
        };
        int found = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(14);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<String> expected = secrets(withSearch, text.toString());

            assertThat(secrets(withAnchor, text.toString())).as(text.toString()).isEqualTo(expected);
            found += expected.size();
        }
        assertThat(found).as("addresses found").isGreaterThan(1_000);
    }

    private static List<String> secrets(TextScanner scanner, String text) {
        return scanner.scan(text, rule -> true).stream()
                .map(h -> h.secretStart() + ":" + text.substring(h.secretStart(), h.secretEnd()))
                .toList();
    }

    @Test
    void anIpv6AddressIsFoundAmongColonsThatAreNotOne() {
        InspectionResult result = inspect("at 09:23:45 key: value, from 2001:db8:85a3::8a2e:370:7334 ok");

        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("ipv6-address");
    }

    @Test
    void aSecretLateInALongBase64TextIsFoundAndABinaryBlobIsLeftAlone() throws IOException {
        String token = "ghp_" + made(36);
        String longText = "line of a log file that says nothing at all\n".repeat(60) + "GITHUB_TOKEN=" + token + "\n";
        String plain = Base64.getEncoder().encodeToString(longText.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(longText.getBytes(StandardCharsets.UTF_8));
        }
        byte[] noise = new byte[6000];
        random.nextBytes(noise);
        noise[0] = (byte) 0xff; // never UTF-8, never gzip
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("plain", plain);
        result.put("gzip", Base64.getEncoder().encodeToString(gz.toByteArray()));
        result.put("image", Base64.getEncoder().encodeToString(noise));
        assertThat(plain.length()).isGreaterThan(2048);

        InspectionResult inspected = INSPECTOR.inspect(result, Direction.TO_APP, InspectionPolicy.defaults());

        assertThat(inspected.findings())
                .extracting(Finding::ruleId, Finding::location)
                .contains(tuple("github-pat", "/plain"), tuple("github-pat", "/gzip"));
        assertThat(inspected.findings()).extracting(Finding::location).doesNotContain("/image");
        JsonNode output = inspected.output();
        assertThat(output.path("plain").stringValue()).isEqualTo("[REDACTED:github-pat]");
        assertThat(output.path("image").stringValue())
                .isEqualTo(result.path("image").stringValue());
    }

    @Test
    void jsonWrittenInTextIsOnlyParsedWhenOneOfItsStringsDecodesAndThenItsSecretIsFound() {
        String token = "ghp_" + made(36);
        String encoded = Base64.getEncoder().encodeToString(("GITHUB_TOKEN=" + token).getBytes(StandardCharsets.UTF_8));
        String record =
                "{\"ts\": \"2026-11-22T12:14:13Z\", \"level\": \"info\", \"id\": \"3f2a9c4e-1b7d-4e8a-9c3f-2d1e0b9a8c7f\"}";
        String withBlob = "{\"name\": \"deploy\", \"config\": \"" + encoded + "\"}";
        String withUrl = "{\"next\": \"https://example.test/?q=a%20b\"}";

        assertThat(Decoders.stringsHoldLayers(record))
                .as("a log record: nothing encoded")
                .isFalse();
        assertThat(Decoders.stringsHoldLayers(withBlob)).isTrue();
        assertThat(Decoders.stringsHoldLayers(withUrl)).isTrue();
        assertThat(Decoders.unwrap(record)).isEmpty();

        InspectionResult result = inspect(withBlob);

        assertThat(result.findings())
                .extracting(Finding::ruleId, Finding::location)
                .containsExactly(tuple("github-pat", "/content/0/text"));
        assertThat(text(result)).isEqualTo("[REDACTED:github-pat]");
    }
}
