package dev.airlock.runtime.inspection;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A by-hand check, before RE2/J runs, of whether an assignment rule anchored at a keyword can find a
 * secret there at all. An assignment rule's regex ends with the assigned value, such as
 * {@code (?:=|:=|:|=>)\s{0,3}["']?([^\s"'`,;]{8,128})}: whatever comes before, the secret is the longest
 * run of value characters (at most the maximum) right after an assignment operator, a few spaces and
 * an optional quote. So the check walks the window to every {@code =}, {@code :} and {@code >}, measures
 * the run after it, and counts its different characters: a secret needs at least the minimum length,
 * and a Shannon entropy of {@code e} bits needs at least 2<sup>e</sup> different characters. Code such
 * as {@code token = request.header("Authorization")} fails both on every run, and RE2/J (about 4 µs per
 * window) is not asked.
 *
 * <p>The check is exact: it only ever says "cannot" when the regex could not produce a secret the
 * rule accepts. It looks at more places than the regex can (every operator in the window, whatever
 * precedes it), and anything it cannot judge exactly, such as a run cut by the window's end (the
 * regex then matches again on longer text) or characters outside the Basic Multilingual Plane (the
 * regex counts code points, not chars), sends the window to RE2/J as before. Only a regex ending
 * exactly like the one above is recognised; every other rule runs as it did.
 */
final class AssignmentValue {

    /** The tail this class understands; the numbers are read from the rule. */
    private static final java.util.regex.Pattern TAIL = java.util.regex.Pattern.compile(
            "\\(\\?:=\\|:=\\|:\\|=>\\)\\\\s\\{0,(\\d{1,2})\\}\\[\"']\\?\\(\\[\\^\\\\s\"'`,;\\]\\{(\\d{1,3}),(\\d{1,3})\\}\\)$");

    /** Windows are tried by RE2/J as before. */
    static final int RUN_REGEX = -2;
    /** No secret can be found here, and the regex cannot match either. */
    static final int NO_MATCH = -1;

    private final int maxSpaces;
    private final int minLength;
    private final int maxLength;
    /** The fewest different characters a value of the rule's entropy has. */
    private final int minDistinct;

    private AssignmentValue(int maxSpaces, int minLength, int maxLength, int minDistinct) {
        this.maxSpaces = maxSpaces;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.minDistinct = minDistinct;
    }

    /**
     * The check for {@code rule}, if its regex ends in an assignment whose value is the rule's only
     * capture group and the secret.
     */
    static Optional<AssignmentValue> of(Rule rule) {
        String regex = rule.regex().pattern();
        Matcher tail = TAIL.matcher(regex);
        if (!tail.find() || rule.regex().groupCount() != 1 || rule.secretGroup() > 1) {
            return Optional.empty();
        }
        int minLength = Integer.parseInt(tail.group(2));
        int maxLength = Integer.parseInt(tail.group(3));
        if (minLength < 1 || maxLength < minLength) {
            return Optional.empty();
        }
        // H <= log2(distinct): fewer different characters than 2^e cannot reach e bits. The threshold
        // a hair lower, so that rounding in the entropy's computation can never refuse a value.
        int minDistinct = rule.entropy() > 0 ? (int) Math.ceil(Math.pow(2, rule.entropy() - 1e-9)) : 0;
        return Optional.of(new AssignmentValue(Integer.parseInt(tail.group(1)), minLength, maxLength, minDistinct));
    }

    /**
     * Whether the rule's regex, tried anchored at {@code start} on {@code text[start, end)}, can give a
     * secret the rule accepts.
     *
     * @return {@link #RUN_REGEX} when it may (or this cannot tell); {@link #NO_MATCH} when the regex
     *     cannot match; otherwise the regex may match but its secret is too short or too uniform to
     *     be accepted, and the value is the furthest its match could end
     */
    int check(String text, int start, int end) {
        int furthest = NO_MATCH;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != '=' && c != ':' && c != '>') {
                continue;
            }
            int q = i + 1;
            int spaces = 0;
            while (q < end && spaces < maxSpaces && isSpace(text.charAt(q))) {
                q++;
                spaces++;
            }
            if (q < end && (text.charAt(q) == '"' || text.charAt(q) == '\'')) {
                q++;
            }
            int runEnd = q;
            int limit = Math.min(end, q + maxLength);
            while (runEnd < limit && isValue(text.charAt(runEnd))) {
                if (Character.isSurrogate(text.charAt(runEnd))) {
                    return RUN_REGEX;
                }
                runEnd++;
            }
            if (runEnd - q < minLength) {
                continue;
            }
            if (runEnd == end) {
                return RUN_REGEX; // cut by the window: the regex would match again on longer text
            }
            if (distinct(text, q, runEnd) >= minDistinct) {
                return RUN_REGEX;
            }
            furthest = Math.max(furthest, runEnd);
        }
        return furthest;
    }

    private int distinct(String text, int from, int to) {
        long low = 0;
        long high = 0;
        int others = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 64) {
                low |= 1L << c;
            } else if (c < 128) {
                high |= 1L << (c - 64);
            } else {
                others++; // counted as different each: a bound from above is all the check needs
            }
        }
        return Long.bitCount(low) + Long.bitCount(high) + others;
    }

    /** {@code \s} as RE2 reads it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /** {@code [^\s"'`,;]}. */
    private static boolean isValue(char c) {
        return !isSpace(c) && c != '"' && c != '\'' && c != '`' && c != ',' && c != ';';
    }
}
