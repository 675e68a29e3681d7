package dev.airlock.runtime.inspection;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.airlock.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text and JSON built from a fuzzer's data for the inspection fuzz tests. Random bytes rarely look like
 * a token, a card number or gzip, so the fuzzer chooses among pieces that do — keyword prefixes followed
 * by a token of the right alphabet and length, digit runs (some with a valid Luhn digit), e-mail
 * addresses, and whole texts encoded as base64, gzip in base64, URL encoding or JSON in a string — and
 * fills them with its own bytes. That way it reaches the rules' regexes, validators and every decoder in
 * seconds instead of hours.
 *
 * <p>Every token piece is remembered in {@link #planted()}, so a test can check that no finding, and
 * nothing logged, carries one.
 */
final class FuzzedText {

    /** Keyword prefixes the built-in rules look for, each with the alphabet and length of its token. */
    private record Shape(String prefix, String alphabet, int length, String suffix) {}

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String URLSAFE = ALNUM + "_-";
    private static final String BASE64 = ALNUM + "+/";
    private static final String DIGITS = "0123456789";

    private static final Shape[] SHAPES = {
        new Shape("ghp_", ALNUM, 36, ""),
        new Shape("gho_", ALNUM, 36, ""),
        new Shape("AKIA", BASE32, 16, ""),
        new Shape("ASIA", BASE32, 16, ""),
        new Shape("xoxb-1234567890-1234567890-", ALNUM, 24, ""),
        new Shape("sk_live_", ALNUM, 24, ""),
        new Shape("glpat-", URLSAFE, 20, ""),
        new Shape("AIza", URLSAFE, 35, ""),
        new Shape("eyJhbGciOiJIUzI1NiJ9.eyJ", URLSAFE, 20, ".c2lnbmF0dXJlc2lnbmF0dXJl"),
        new Shape("aws_secret_access_key = ", BASE64, 40, ""),
        new Shape("password=", ALNUM + "!#$%", 16, ""),
        new Shape("token: \"", URLSAFE, 24, "\""),
        new Shape("postgres://app:", ALNUM, 14, "@db.internal:5432/app"),
        new Shape("https://hooks.slack.com/services/T01234567/B01234567/", ALNUM, 24, ""),
        new Shape("-----BEGIN RSA PRIVATE KEY-----\n", BASE64, 64, "\n-----END RSA PRIVATE KEY-----"),
        new Shape("npm_", ALNUM, 36, ""),
        new Shape("hf_", ALNUM, 34, ""),
        new Shape("SG.", URLSAFE, 22, ""),
        new Shape("", ALNUM, 40, ""),
    };

    private static final String[] SEPARATORS = {" ", "\n", "=", ": ", "\"", "", "&", ",", "\\", "\t", "/", "%"};

    /** Bounds worth reaching: decoded layer size, layers, JSON depth. */
    private static final int[] LONG_LENGTHS = {
        Decoders.MAX_LAYER_CHARS - 1, Decoders.MAX_LAYER_CHARS, Decoders.MAX_LAYER_CHARS + 1, TextScanner.EXTENDED + 1
    };

    /** How many encodings may wrap one another: one more than the inspector unwraps. */
    static final int LAYERS = Inspector.MAX_LAYERS + 1;

    private final FuzzedDataProvider data;
    private final List<String> planted = new ArrayList<>();
    private int longTexts;

    FuzzedText(FuzzedDataProvider data) {
        this.data = data;
    }

    /** The tokens put into the text so far. */
    List<String> planted() {
        return planted;
    }

    /** A text of a few pieces; {@code layers} is how many more encodings may wrap pieces of it. */
    String text(int layers) {
        int pieces = data.consumeInt(1, 5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces && data.remainingBytes() > 0; i++) {
            if (i > 0) {
                text.append(data.pickValue(SEPARATORS));
            }
            text.append(piece(layers));
        }
        return text.toString();
    }

    private String piece(int layers) {
        int kind = data.consumeInt(0, layers > 0 ? 11 : 5);
        return switch (kind) {
            case 0 -> validUtf16(data.consumeString(40));
            case 1 -> token();
            case 2 -> digitRun();
            case 3 -> email();
            case 4 -> validUtf16(data.consumeString(12)) + ipOrIban();
            case 5 -> longText();
            case 6 -> base64(utf8(text(layers - 1)));
            case 7 -> base64(data.consumeBytes(200));
            case 8 -> base64(gzip(gzipPayload(layers - 1)));
            case 9 -> URLEncoder.encode(text(layers - 1), StandardCharsets.UTF_8);
            case 10 -> Json.mapper().writeValueAsString(json(layers - 1, data.consumeInt(0, 3)));
            default -> Json.mapper().writeValueAsString(deep(layers - 1));
        };
    }

    /** A token of one of the shapes the rules look for, its characters taken from the fuzzer's bytes. */
    private String token() {
        Shape shape = data.pickValue(SHAPES);
        int length = data.consumeBoolean() ? shape.length() : data.consumeInt(0, shape.length() * 2);
        String token = shape.prefix() + fill(shape.alphabet(), length) + shape.suffix();
        planted.add(token);
        return token;
    }

    /**
     * {@code length} characters of {@code alphabet}. Each byte is mixed with its position, so even a run of
     * zero bytes gives a varied token with the entropy the rules ask for.
     */
    private String fill(String alphabet, int length) {
        byte[] bytes = data.consumeBytes(length);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int b = i < bytes.length ? bytes[i] & 0xff : 0;
            out.append(alphabet.charAt((b * 31 + i * 17) % alphabet.length()));
        }
        return out.toString();
    }

    /** Digits with separators, as cards, phone numbers and SSNs are written; some with a valid Luhn digit. */
    private String digitRun() {
        String digits = fill(DIGITS, data.consumeInt(3, 20));
        if (data.consumeBoolean()) {
            digits = digits.substring(0, digits.length() - 1) + luhnDigit(digits.substring(0, digits.length() - 1));
        }
        String prefix = data.pickValue(new String[] {"", "4", "5", "+", "+44 ", "(", "34"});
        String separator = data.pickValue(new String[] {"", " ", "-", ".", "/"});
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(separator);
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    private static char luhnDigit(String payload) {
        int sum = 0;
        boolean twice = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private String email() {
        return fill(ALNUM + "._+-", data.consumeInt(1, 20)) + "@" + fill(ALNUM + "-", data.consumeInt(1, 12))
                + data.pickValue(new String[] {".com", ".io", ".co.uk", ".example", ""});
    }

    private String ipOrIban() {
        return switch (data.consumeInt(0, 2)) {
            case 0 ->
                data.consumeInt(0, 300) + "." + data.consumeInt(0, 300) + "." + data.consumeInt(0, 300) + "."
                        + data.consumeInt(0, 300);
            case 1 ->
                "2001:db8::" + Integer.toHexString(data.consumeInt(0, 0xffff)) + ":"
                        + Integer.toHexString(data.consumeInt(0, 0xffff));
            default ->
                "DE" + fill(DIGITS, 2) + " " + fill(DIGITS, 4) + " " + fill(DIGITS, 4) + " " + fill(DIGITS, 4) + " "
                        + fill(DIGITS, 4) + " " + fill(DIGITS, 2);
        };
    }

    /**
     * A piece repeated to a length at one of the bounds. Seldom, and at most one per input, so that
     * inputs stay fast enough for the fuzzer to try many.
     */
    private String longText() {
        String unit = data.consumeBoolean() ? token() : validUtf16(data.consumeString(8));
        if (unit.isEmpty() || longTexts > 0 || data.consumeInt(0, 7) != 7) { // slow: seldom, and once
            return unit;
        }
        longTexts++;
        int length = data.pickValue(LONG_LENGTHS) - data.consumeInt(0, 3);
        StringBuilder out = new StringBuilder(length + unit.length());
        while (out.length() < length) {
            out.append(unit);
        }
        out.setLength(length);
        return validUtf16(out.toString());
    }

    /** What goes into gzip: sometimes repeated past the decoder's bound, as a gzip bomb would be. */
    private String gzipPayload(int layers) {
        String text = text(layers);
        if (text.isEmpty() || data.consumeInt(0, 7) != 7) { // slow: seldom
            return text;
        }
        int length = Decoders.MAX_LAYER_CHARS + data.consumeInt(-2, 2);
        StringBuilder out = new StringBuilder(text);
        while (out.length() < length) {
            out.append(text);
        }
        return out.toString();
    }

    /** An embedded resource's {@code blob}: base64 of gzip, of text, or of the fuzzer's bytes. */
    String blob() {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> base64(gzip(gzipPayload(LAYERS - 1)));
            case 1 -> base64(utf8(text(LAYERS - 1)));
            default -> base64(data.consumeBytes(300));
        };
    }

    /** A JSON value of strings, numbers, arrays and objects, up to {@code depth} levels of containers. */
    JsonNode json(int layers, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int kind = data.consumeInt(0, depth > 0 ? 6 : 3);
        return switch (kind) {
            case 0, 1 -> nodes.stringNode(text(layers));
            case 2 -> nodes.numberNode(data.consumeLong());
            case 3 -> data.consumeBoolean() ? nodes.booleanNode(data.consumeBoolean()) : nodes.nullNode();
            case 4, 5 -> {
                ObjectNode object = nodes.objectNode();
                int size = data.consumeInt(0, 4);
                for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
                    object.set(key(), json(layers, depth - 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = nodes.arrayNode();
                int size = data.consumeInt(0, 4);
                for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
                    array.add(json(layers, depth - 1));
                }
                yield array;
            }
        };
    }

    /**
     * A string, at the bottom of arrays and objects nested to about the depth the decoder of JSON in a
     * string accepts: just inside it, at it, or just past it.
     */
    private JsonNode deep(int layers) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode node = nodes.stringNode(text(layers));
        int depth = Decoders.MAX_JSON_DEPTH + data.consumeInt(-2, 2);
        for (int i = 0; i < depth; i++) {
            node = data.consumeBoolean()
                    ? nodes.arrayNode().add(node)
                    : nodes.objectNode().set(key(), node);
        }
        return node;
    }

    /** A member name: a usual one, or a short one from the fuzzer (with "/" and "~" that pointers escape). */
    String key() {
        return data.consumeBoolean()
                ? data.pickValue(new String[] {"text", "env", "token", "query", "a/b", "m~n", "", "data"})
                : validUtf16(data.consumeString(6));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String base64(byte[] bytes) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> Base64.getEncoder().encodeToString(bytes);
            case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            default -> Base64.getMimeEncoder().encodeToString(bytes);
        };
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(utf8(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The text with lone surrogates replaced. A message the gateway parsed from UTF-8 cannot hold them,
     * and one that did could not be written out again whatever the inspector did.
     */
    static String validUtf16(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!paired) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\ufffd');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
