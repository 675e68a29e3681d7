package dev.airlock.runtime.inspection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The few literal strings one of which every match of a regex starts with, and whether a {@code \b}
 * comes before them, read conservatively from the pattern: {@code ghp_} in {@code \b(ghp_[A-Za-z0-9]{36})\b},
 * {@code sk_live_} and {@code sk_test_} in {@code \b(sk_(?:live|test)_[A-Za-z0-9]{24,99})\b}. When each of
 * them starts with one of the rule's keywords, every match starts where a keyword does, and {@link
 * TextScanner} tries the regex anchored there instead of searching a window around the keyword: RE2/J
 * steps through every character of a window it searches, about 15 µs for a default window, and stops an
 * anchored try as soon as the match fails or ends.
 *
 * <p>It reads literal characters, small classes of literal characters ({@code [pe]}), groups of literal
 * alternatives ({@code (?:live|test)}) and required capturing groups, and stops at anything else or at a
 * quantifier, leaving out what the quantifier applies to. When in doubt (alternation at the top, {@code ^},
 * a group that may be skipped) it gives up, and the rule's windows are searched as before.
 *
 * @param wordBoundary whether {@code \b} comes before the literal: an anchored try then checks the
 *     character before by hand, since RE2/J sees the start of its window as the start of the text
 * @param literals lower-case; every match starts with one of them, ignoring case
 */
record MatchStart(boolean wordBoundary, List<String> literals) {

    /** More alternatives than this and the reading stops: each must be checked against the keywords. */
    private static final int MOST_LITERALS = 64;

    /** The literal start of {@code regex}'s matches, or empty when the pattern does not show one plainly. */
    static Optional<MatchStart> of(String regex) {
        if (LiteralPrefix.hasTopLevelAlternation(regex)) {
            return Optional.empty();
        }
        boolean wordBoundary = false;
        List<String> literals = List.of("");
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int next;
            List<String> extended;
            if (regex.startsWith("(?i)", i) && literals.getFirst().isEmpty()) {
                i += 4;
                continue;
            } else if (regex.startsWith("\\b", i) && literals.getFirst().isEmpty() && !wordBoundary) {
                wordBoundary = true;
                i += 2;
                continue;
            } else if (c == '(' && !regex.startsWith("(?", i) && LiteralPrefix.required(regex, i)) {
                i += 1; // a required capturing group without alternatives: its start is the match's start
                continue;
            } else if (isLiteral(c)) {
                extended = append(literals, List.of(String.valueOf(c)));
                next = i + 1;
            } else if (c == '\\' && i + 1 < regex.length() && LiteralPrefix.isEscapedLiteral(regex.charAt(i + 1))) {
                extended = append(literals, List.of(String.valueOf(regex.charAt(i + 1))));
                next = i + 2;
            } else if (c == '[') {
                int close = regex.indexOf(']', i);
                List<String> members = close < 0 ? List.of() : classMembers(regex.substring(i + 1, close));
                if (members.isEmpty()) {
                    break;
                }
                extended = append(literals, members);
                next = close + 1;
            } else if (regex.startsWith("(?:", i)) {
                int close = regex.indexOf(')', i);
                List<String> alternatives = close < 0 ? List.of() : alternatives(regex.substring(i + 3, close));
                if (alternatives.isEmpty()) {
                    break;
                }
                extended = append(literals, alternatives);
                next = close + 1;
            } else {
                break;
            }
            if (extended.size() > MOST_LITERALS || quantified(regex, next)) {
                break; // what a quantifier applies to may be missing or repeated: the start ends before it
            }
            literals = extended;
            i = next;
        }
        if (literals.getFirst().isEmpty()) {
            return Optional.empty();
        }
        if (wordBoundary && literals.stream().anyMatch(l -> !isAsciiWordChar(l.charAt(0)))) {
            return Optional.empty(); // a \b before a non-word character looks back at a word: not checked here
        }
        return Optional.of(new MatchStart(
                wordBoundary,
                literals.stream()
                        .map(l -> l.toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList()));
    }

    /** Whether each literal starts with one of {@code keywords} (lower-case). */
    boolean startsWithOneOf(List<String> keywords) {
        return literals.stream().allMatch(l -> keywords.stream().anyMatch(l::startsWith));
    }

    private static boolean quantified(String regex, int at) {
        return at < regex.length() && "?*+{".indexOf(regex.charAt(at)) >= 0;
    }

    private static List<String> append(List<String> literals, List<String> endings) {
        List<String> out = new ArrayList<>(literals.size() * endings.size());
        for (String literal : literals) {
            for (String ending : endings) {
                out.add(literal + ending);
            }
        }
        return out;
    }

    /** The characters of a class such as {@code pe} or {@code \-_}; empty for ranges, negation or anything else. */
    private static List<String> classMembers(String body) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && LiteralPrefix.isEscapedLiteral(body.charAt(i + 1))) {
                members.add(String.valueOf(body.charAt(++i)));
            } else if (c != '-' && isLiteral(c)) { // a hyphen may make a range
                members.add(String.valueOf(c));
            } else {
                return List.of();
            }
        }
        return members;
    }

    /** The alternatives of a group such as {@code live|test}; empty unless each is a plain, non-empty literal. */
    private static List<String> alternatives(String body) {
        List<String> out = new ArrayList<>();
        for (String alternative : body.split("\\|", -1)) {
            if (alternative.isEmpty() || !alternative.chars().allMatch(c -> isLiteral((char) c))) {
                return List.of();
            }
            out.add(alternative);
        }
        return out;
    }

    /** {@link LiteralPrefix#isLiteral}, ASCII only: keywords are. */
    private static boolean isLiteral(char c) {
        return c < 128 && LiteralPrefix.isLiteral(c);
    }

    private static boolean isAsciiWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
