package dev.airlock.runtime.catalog;

import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Small helpers for turning untrusted registry text into something safe to show and to name. */
final class Texts {

    // Control characters can rewrite a terminal line (ANSI escapes, carriage returns) and bidi
    // overrides make text read differently than it is; neither reaches a person unchanged.
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]");
    private static final int QUOTE_LIMIT = 64;

    private Texts() {}

    /** The string value of a node, or null when it is absent or not a string. */
    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static String clean(String text) {
        return UNSAFE.matcher(text).replaceAll(" ");
    }

    /** Untrusted text short and clean enough to quote inside a sentence or a log line. */
    static String quote(String text) {
        String clean = clean(text);
        return clean.length() <= QUOTE_LIMIT ? clean : clean.substring(0, QUOTE_LIMIT - 1) + "…";
    }

    /** A JSON location as people read it: {@code packages[0].version}. */
    static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String item(String path, int index) {
        return path + "[" + index + "]";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
