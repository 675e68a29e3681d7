package dev.airlock.runtime.inspection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unwraps the encodings that hide text from a scan: base64 (standard, URL-safe, MIME line breaks), gzip
 * inside base64, URL percent-encoding and JSON inside a string. Everything is bounded, because the input
 * comes from servers and AI apps Airlock does not trust: a layer decodes to at most {@value
 * #MAX_LAYER_CHARS} characters (a gzip bomb stops there), only values of at most {@value
 * #MAX_ENCODED_CHARS} characters are decoded, JSON inside a string may nest {@value #MAX_JSON_DEPTH} levels,
 * and {@link Inspector} stops unwrapping after {@value Inspector#MAX_LAYERS} layers inside one another
 * and after {@value Inspector#MAX_DECODED_CHARS} decoded characters per message.
 */
final class Decoders {

    static final int MAX_LAYER_CHARS = 1024 * 1024;
    static final int MAX_ENCODED_CHARS = 4 * 1024 * 1024;
    static final int MAX_JSON_DEPTH = 32;
    private static final int MIN_BASE64_CHARS = 16;

    private static final JsonMapper EMBEDDED = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_JSON_DEPTH)
                            .maxDocumentLength(MAX_ENCODED_CHARS)
                            .build())
                    .build())
            .build();

    private Decoders() {}

    /** What a value turned out to hold once decoded. */
    sealed interface Layer {
        /**
         * Text that was encoded: base64, gzip in base64, or percent-encoded.
         *
         * @param cut the layer held more than {@link #MAX_LAYER_CHARS} and only its start is here (a
         *     gzip bomb, a huge encoded file): what follows was not scanned
         */
        record Text(String text, boolean cut) implements Layer {

            Text(String text) {
                this(text, false);
            }

            /** Not the text: it may hold the secret being looked for. */
            @Override
            public String toString() {
                return "Text[" + text.length() + " chars]";
            }
        }

        /** A JSON document written into a string. */
        record Json(JsonNode node) implements Layer {
            /** Not the document: it may hold the secret being looked for. */
            @Override
            public String toString() {
                return "Json[" + node.size() + " members]";
            }
        }
    }

    /** The layers hidden in {@code value}; empty when it is plain text. */
    static List<Layer> unwrap(String value) {
        if (value.length() > MAX_ENCODED_CHARS) {
            return List.of();
        }
        List<Layer> layers = new ArrayList<>(1);
        byte[] decoded = base64Bytes(value);
        String base64 = decoded == null ? null : text(decoded);
        if (base64 != null) {
            layers.add(new Layer.Text(base64, decoded.length > MAX_LAYER_CHARS));
        }
        Layer.Text url = percentDecodedLayer(value);
        if (url != null) {
            layers.add(url);
        }
        // the cheap test first: most values are not JSON at all, and finding their strings costs a pass
        JsonNode json = looksLikeJson(value) && (value.indexOf('\\') >= 0 || stringsHoldLayers(value))
                ? embeddedJson(value)
                : null;
        if (json != null) {
            layers.add(new Layer.Json(json));
        }
        return layers;
    }

    /** The text a base64 value (gunzipped when it is gzip) holds, or null when it holds none. */
    static String base64(String value) {
        byte[] bytes = base64Bytes(value);
        return bytes == null ? null : text(bytes);
    }

    /**
     * The bytes a base64 value decodes to, gunzipped when they are gzip (at most one more than {@link
     * #MAX_LAYER_CHARS} of those, so that a cut is seen), or null when it is not base64 or starts as
     * binary data.
     */
    private static byte[] base64Bytes(String value) {
        int from = start(value);
        int to = end(value, from);
        if (to - from < MIN_BASE64_CHARS || alphabet(value, from, Math.min(to, from + QUICK_LOOK)) < 0) {
            return null; // most values are prose, logs or code: a space or a brace comes early, before any copy
        }
        String compact = from == 0 && to == value.length() ? value : value.substring(from, to);
        if (compact.length() > PROBE_CHARS && binaryHead(compact)) {
            return null;
        }
        int kinds = alphabet(compact, compact.length());
        if (kinds < 0 || ((kinds & STANDARD) != 0 && (kinds & URL_SAFE) != 0)) {
            return null;
        }
        boolean urlSafe = (kinds & URL_SAFE) != 0;
        byte[] bytes;
        try {
            bytes = urlSafe
                    ? Base64.getUrlDecoder().decode(compact)
                    : (kinds & LINE_BREAKS) != 0
                            ? Base64.getMimeDecoder().decode(compact)
                            : Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            return gunzip(bytes);
        }
        return bytes;
    }

    /** How many characters of a value are looked at before it is copied without surrounding whitespace. */
    private static final int QUICK_LOOK = 64;

    private static final int STANDARD = 1;
    private static final int URL_SAFE = 2;
    private static final int LINE_BREAKS = 4;
    private static final int PADDING = 8;

    /**
     * Which kinds of base64 characters the first {@code length} characters of {@code compact} hold
     * ({@link #STANDARD} {@code +/}, {@link #URL_SAFE} {@code -_}, {@link #LINE_BREAKS}, {@link #PADDING}),
     * or -1 when they are not base64: a character outside every alphabet, padding before the end, or more
     * than two padding characters.
     */
    private static int alphabet(String compact, int length) {
        return alphabet(compact, 0, length);
    }

    /** {@link #alphabet(String, int)} of {@code text[from, to)}: -1 there means -1 for any text it starts. */
    private static int alphabet(String text, int from, int to) {
        int kinds = 0;
        int padding = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int kind = c < 128 ? KIND[c] : INVALID;
            if (kind == 0) {
                if (padding > 0) {
                    return -1;
                }
                continue;
            }
            if (kind == INVALID) {
                return -1;
            }
            if (kind == PADDING) {
                padding++;
            } else if (padding > 0 && kind != LINE_BREAKS) {
                return -1;
            }
            kinds |= kind;
        }
        return padding > 2 ? -1 : kinds;
    }

    private static final byte INVALID = 16;
    /** Per ASCII character: 0 for a letter or digit, else its kind (see {@link #alphabet}). */
    private static final byte[] KIND = new byte[128];

    static {
        java.util.Arrays.fill(KIND, INVALID);
        for (char c = 'A'; c <= 'Z'; c++) {
            KIND[c] = 0;
            KIND[Character.toLowerCase(c)] = 0;
        }
        for (char c = '0'; c <= '9'; c++) {
            KIND[c] = 0;
        }
        KIND['+'] = STANDARD;
        KIND['/'] = STANDARD;
        KIND['-'] = URL_SAFE;
        KIND['_'] = URL_SAFE;
        KIND['\n'] = LINE_BREAKS;
        KIND['\r'] = LINE_BREAKS;
        KIND['='] = PADDING;
    }

    /**
     * Whether a long value starts with base64 of bytes that are neither gzip nor UTF-8 (an image, an
     * archive). Only its first {@value #PROBE_CHARS} characters are looked at and decoded: whatever the
     * rest holds, such a value yields no text ({@link #text} would refuse it), so most of the cost of a
     * tool result that carries images — checking every character of the blob, then decoding it — is
     * saved. A head that is not plain base64 on one line (padding, line breaks) is left to the full check.
     */
    private static boolean binaryHead(String compact) {
        int kinds = alphabet(compact, PROBE_CHARS);
        if (kinds < 0 || (kinds & (PADDING | LINE_BREAKS)) != 0 || kinds == (STANDARD | URL_SAFE)) {
            return false;
        }
        return binaryStart(compact, (kinds & URL_SAFE) != 0);
    }

    /** How much of a long base64 value is decoded first, to tell text from binary data cheaply. */
    private static final int PROBE_CHARS = 1024;

    /**
     * Whether a long base64 value starts with bytes that are neither gzip nor UTF-8 (an image, an
     * archive): then {@link #text} would refuse it anyway, and decoding only its first bytes to find that
     * out saves decoding all of it, which is most of the cost of a tool result that carries images.
     */
    private static boolean binaryStart(String compact, boolean urlSafe) {
        byte[] head;
        try {
            String probe = compact.substring(0, PROBE_CHARS); // a multiple of 4, so it decodes on its own
            head = urlSafe
                    ? Base64.getUrlDecoder().decode(probe)
                    : Base64.getDecoder().decode(probe);
        } catch (IllegalArgumentException e) {
            return false; // let the full decode decide
        }
        if (head.length > 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return false;
        }
        CharBuffer out = CharBuffer.allocate(head.length);
        CoderResult result = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(head), out, false); // a character cut at the end is not an error
        return result.isError();
    }

    private static byte[] gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int limit = MAX_LAYER_CHARS + 1; // one byte more tells a cut layer from one of exactly the bound
            int read;
            while (limit > 0 && (read = in.read(buffer, 0, Math.min(buffer.length, limit))) > 0) {
                out.write(buffer, 0, read);
                limit -= read;
            }
            return out.toByteArray();
        } catch (IOException e) {
            return null; // not gzip after all, or truncated: nothing to scan inside
        }
    }

    /** UTF-8 text that is mostly printable, or null for binary data (images, archives). */
    private static String text(byte[] bytes) {
        int length = Math.min(bytes.length, MAX_LAYER_CHARS);
        CharBuffer decoded = CharBuffer.allocate(length);
        // not the end of input: a character cut at the bound (a gzip bomb stops inside one) is left out
        // instead of making the whole text look like binary data, whose secrets would never be scanned
        CoderResult result = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, 0, length), decoded, false);
        if (result.isError()) {
            return null;
        }
        String text = decoded.flip().toString();
        int control = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                control++;
            }
        }
        return control * 20 > text.length() || text.isEmpty() ? null : text;
    }

    /**
     * The value with {@code %XX} escapes decoded as UTF-8, or null when it has none; like every layer, at
     * most {@link #MAX_LAYER_CHARS} characters of it.
     */
    static String percentDecoded(String value) {
        Layer.Text layer = percentDecodedLayer(value);
        return layer == null ? null : layer.text();
    }

    /** {@link #percentDecoded}, and whether the value went on past {@link #MAX_LAYER_CHARS}. */
    private static Layer.Text percentDecodedLayer(String value) {
        if (value.indexOf('%') < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        boolean decodedAny = false;
        int i = 0;
        // each step adds at most one character or one byte (which decodes to at most one character)
        while (i < value.length() && out.length() + pending.size() < MAX_LAYER_CHARS) {
            if (isEscapeAt(value, i)) {
                pending.write(Integer.parseInt(value, i + 1, i + 3, 16));
                decodedAny = true;
                i += 3;
                continue;
            }
            flush(pending, out);
            out.append(value.charAt(i));
            i++;
        }
        flush(pending, out);
        return decodedAny ? new Layer.Text(out.toString(), i < value.length()) : null;
    }

    private static boolean isEscapeAt(String value, int i) {
        return i + 2 < value.length()
                && value.charAt(i) == '%'
                && isHex(value.charAt(i + 1))
                && isHex(value.charAt(i + 2));
    }

    private static void flush(ByteArrayOutputStream pending, StringBuilder out) {
        if (pending.size() > 0) {
            out.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * Whether JSON written without escapes (no backslash) has a string that decodes to something: base64
     * or percent-encoded text. Such JSON holds its strings verbatim, so the scan of the outer text has
     * seen them already, and parsing it is only worth it for what its strings encode (JSON in one of its
     * strings would have no strings of its own: they would need escaped quotes). Without escapes every
     * quote starts or ends a string, so the strings are found without a parser; most JSON in tool output
     * (log records, rows) holds no encoded string, and parsing it was a tenth of the engine's time.
     */
    static boolean stringsHoldLayers(String json) {
        int percent = json.indexOf('%');
        int open = json.indexOf('"');
        while (open >= 0) {
            int close = json.indexOf('"', open + 1);
            if (close < 0) {
                return true; // not JSON after all: let the parser decide
            }
            while (percent >= 0 && percent < open) {
                percent = json.indexOf('%', percent + 1);
            }
            if (close - open > MIN_BASE64_CHARS || (percent >= 0 && percent < close)) {
                String string = json.substring(open + 1, close);
                if (base64(string) != null || percentDecoded(string) != null) {
                    return true;
                }
            }
            open = json.indexOf('"', close + 1);
        }
        return false;
    }

    /** Where {@code value} starts without the whitespace before it, as {@link String#strip} sees it. */
    private static int start(String value) {
        int from = 0;
        while (from < value.length() && Character.isWhitespace(value.charAt(from))) {
            from++;
        }
        return from;
    }

    /** Where {@code value} ends without the whitespace after it, not before {@code from}. */
    private static int end(String value, int from) {
        int to = value.length();
        while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** Whether {@code value}, without surrounding whitespace, starts and ends as a JSON object or array. */
    private static boolean looksLikeJson(String value) {
        int from = start(value);
        int to = end(value, from);
        if (to - from < 2) {
            return false;
        }
        char first = value.charAt(from);
        char last = value.charAt(to - 1);
        return (first == '{' && last == '}') || (first == '[' && last == ']');
    }

    /** The JSON document a string holds, or null when it does not look like one or does not parse. */
    static JsonNode embeddedJson(String value) {
        if (!looksLikeJson(value)) {
            return null;
        }
        int from = start(value);
        try {
            return EMBEDDED.readTree(value.substring(from, end(value, from)));
        } catch (JacksonException e) {
            return null;
        }
    }
}
