package dev.airlock.runtime.inspection;

import java.util.Locale;
import java.util.Optional;

/**
 * The literal text every match of a regex starts with, such as {@code ghp_} in {@code ghp_[0-9A-Za-z]{36}},
 * so that a company rule without {@code keywords} still gets a trigger instead of running its regex over
 * everything. It reads the pattern conservatively: when in doubt (alternation at the top, a group or a
 * class first, a quantifier on the last letter) it gives up, and the rule runs everywhere.
 */
final class LiteralPrefix {

    /** Shorter prefixes fire so often that they would not save work. */
    static final int MIN_LENGTH = 3;

    private LiteralPrefix() {}

    static Optional<String> of(String regex) {
        if (hasTopLevelAlternation(regex)) {
            return Optional.empty();
        }
        int i = 0;
        while (true) {
            if (regex.startsWith("(?i)", i)) {
                i += 4;
            } else if (regex.startsWith("\\b", i)) {
                i += 2;
            } else if (regex.startsWith("^", i)) {
                i += 1;
            } else if (regex.startsWith("(", i) && !regex.startsWith("(?", i) && required(regex, i)) {
                i += 1; // a capturing group's literal start is the match's start too
            } else if (regex.startsWith("(?:", i) && required(regex, i)) {
                i += 3;
            } else {
                break;
            }
        }
        StringBuilder prefix = new StringBuilder();
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (isLiteral(c)) {
                prefix.append(c);
                i++;
            } else if (c == '\\' && i + 1 < regex.length() && isEscapedLiteral(regex.charAt(i + 1))) {
                prefix.append(regex.charAt(i + 1));
                i += 2;
            } else {
                break;
            }
        }
        if (i < regex.length() && "?*{".indexOf(regex.charAt(i)) >= 0 && !prefix.isEmpty()) {
            prefix.setLength(prefix.length() - 1); // the last letter is optional or repeated
        }
        if (prefix.length() < MIN_LENGTH || hasNonAscii(prefix)) {
            return Optional.empty();
        }
        return Optional.of(prefix.toString().toLowerCase(Locale.ROOT));
    }

    /** Characters that stand for themselves in a regex (a subset: the ones secret formats start with). */
    static boolean isLiteral(char c) {
        return Character.isLetterOrDigit(c) || "_- :=@/\"'<>,%".indexOf(c) >= 0;
    }

    static boolean isEscapedLiteral(char c) {
        return ".-_/+*?()[]{}|$^\\#&~".indexOf(c) >= 0;
    }

    private static boolean hasNonAscii(CharSequence text) {
        return text.chars().anyMatch(c -> c >= 128);
    }

    static boolean hasTopLevelAlternation(String regex) {
        return alternationIn(regex, -1);
    }

    /** Whether every match passes through the group opening at {@code open}, one way only. */
    static boolean required(String regex, int open) {
        if (alternationIn(regex, open)) {
            return false;
        }
        int depth = 0;
        boolean inClass = false;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return !(regex.startsWith("?", i + 1) || regex.startsWith("*", i + 1) || regex.startsWith("{0", i + 1));
            }
        }
        return false;
    }

    /** Whether the group opening at {@code open} (the whole regex for -1) has a {@code |} of its own. */
    private static boolean alternationIn(String regex, int open) {
        int depth = 0;
        boolean inClass = false;
        for (int i = open + 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    return false; // the group ended
                }
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
