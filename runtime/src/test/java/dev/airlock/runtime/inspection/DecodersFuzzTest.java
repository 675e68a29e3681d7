package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes each of {@link Decoders}' decoders with strings from the fuzzer: its raw text, text built of
 * pieces that look encoded ({@link FuzzedText}), and text repeated to the size bounds. Nothing may throw,
 * and the bounds the class documents hold: a value longer than {@link Decoders#MAX_ENCODED_CHARS} is not
 * decoded, a decoded text layer has at most {@link Decoders#MAX_LAYER_CHARS} characters, and JSON in a
 * string nests at most {@link Decoders#MAX_JSON_DEPTH} levels.
 *
 * <p>It also encodes text of its own as base64 and as gzip in base64 and checks that the decoder gives it
 * back, cut at the bound and nowhere else: a text the decoders drop is a text the scan never sees.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seed corpus (DecodersFuzzTestInputs) as regression tests;
 * with it, it fuzzes for {@code maxDuration}. See docs/gateway.md, "Fuzzing".
 */
class DecodersFuzzTest {

    @Timeout(10)
    @FuzzTest(maxDuration = "30s")
    void decoders(FuzzedDataProvider data) {
        String value = switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeString(2000);
            case 1 -> new FuzzedText(data).text(FuzzedText.LAYERS);
            case 2 -> repeated(data.consumeString(16), boundLength(data));
            default -> FuzzedText.validUtf16(data.consumeString(2000));
        };
        checkBounds(value);
        roundTrip(data);
    }

    private static int boundLength(FuzzedDataProvider data) {
        int bound = data.pickValue(new int[] {Decoders.MAX_LAYER_CHARS, Decoders.MAX_ENCODED_CHARS});
        return bound + data.consumeInt(-4, 4);
    }

    private static String repeated(String unit, int length) {
        if (unit.isEmpty()) {
            return unit;
        }
        StringBuilder out = new StringBuilder(length + unit.length());
        while (out.length() < length) {
            out.append(unit);
        }
        out.setLength(length);
        return out.toString();
    }

    private static void checkBounds(String value) {
        var layers = Decoders.unwrap(value);
        if (value.length() > Decoders.MAX_ENCODED_CHARS) {
            assertThat(layers).as("a value past the bound is not decoded").isEmpty();
        }
        for (Decoders.Layer layer : layers) {
            switch (layer) {
                case Decoders.Layer.Text text ->
                    assertThat(text.text().length())
                            .as("a decoded layer's length")
                            .isLessThanOrEqualTo(Decoders.MAX_LAYER_CHARS);
                case Decoders.Layer.Json json ->
                    assertThat(depth(json.node()))
                            .as("the depth of JSON in a string")
                            .isLessThanOrEqualTo(Decoders.MAX_JSON_DEPTH);
            }
        }
        String base64 = Decoders.base64(value);
        if (base64 != null) {
            assertThat(base64.length()).isLessThanOrEqualTo(Decoders.MAX_LAYER_CHARS);
        }
        String percent = Decoders.percentDecoded(value);
        if (percent != null) {
            assertThat(percent.length()).isLessThanOrEqualTo(Decoders.MAX_LAYER_CHARS);
        }
        JsonNode json = Decoders.embeddedJson(value);
        if (json != null) {
            assertThat(depth(json)).isLessThanOrEqualTo(Decoders.MAX_JSON_DEPTH);
        }
    }

    /**
     * Text the fuzzer chose (no control characters, which would make it binary data), as base64 and as
     * gzip in base64, must decode to itself, or to its start up to the bound.
     */
    private static void roundTrip(FuzzedDataProvider data) {
        String text = FuzzedText.validUtf16(data.consumeString(300)).replaceAll("\\p{Cntrl}", " ");
        if (data.consumeInt(0, 9) == 9) { // slow: seldom
            text = repeated(text, Decoders.MAX_LAYER_CHARS + data.consumeInt(-4, 4));
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (text.isBlank() || utf8.length < 12) {
            return; // shorter base64 is taken for a word
        }
        String expected = withinBound(text);
        assertThat(Decoders.base64(Base64.getEncoder().encodeToString(utf8)))
                .as("base64 of text, %d bytes of UTF-8", utf8.length)
                .isEqualTo(expected);
        assertThat(Decoders.base64(Base64.getEncoder().encodeToString(FuzzedText.gzip(text))))
                .as("gzip in base64 of text, %d bytes of UTF-8", utf8.length)
                .isEqualTo(expected);
    }

    /** The longest start of {@code text} whose UTF-8 fits in the bound, cut between characters. */
    private static String withinBound(String text) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > Decoders.MAX_LAYER_CHARS) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    /** Containers inside one another: a string or number is 0, {@code []} is 1. */
    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainer() ? deepest + 1 : 0;
    }
}
