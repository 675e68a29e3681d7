package dev.airlock.runtime.inspection;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;

/**
 * Matches that a rule found but that are known not to be secrets, as gitleaks' {@code [[rules.allowlists]]} and
 * global {@code [allowlist]} describe them. Paths and commits do not exist in a tool call, so an
 * allowlist that needs them ({@code condition = "AND"} with paths) never applies, and one that has only
 * them is dropped when the file is read.
 *
 * @param regexes a match is allowed when one of these finds something in the {@link #target}
 * @param target what the regexes look at
 * @param stopwords a match is allowed when its secret contains one of these (compared in lower case)
 * @param requireAll gitleaks' {@code condition = "AND"}: every criterion must hold, not one
 * @param guarded the regexes whose every match starts with one of a few literals ({@link MatchStart}):
 *     each runs only on a subject that holds one of its literals
 * @param anyOtherRegex the other regexes as one alternation, or null when there are none
 */
record Allowlist(
        List<Pattern> regexes,
        Target target,
        List<String> stopwords,
        boolean requireAll,
        List<Guarded> guarded,
        Pattern anyOtherRegex) {

    /** gitleaks' {@code regexTarget}. */
    enum Target {
        SECRET,
        MATCH,
        LINE
    }

    Allowlist {
        regexes = List.copyOf(regexes);
        stopwords = stopwords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * A regex that can only find something in a subject holding one of {@code literals} (lower case).
     * RE2/J steps through every character of a subject it searches, some microseconds for each match
     * checked; looking for a literal first (such as {@code example} in {@code EXAMPLE(?:KEY)?$}) spares
     * that search for almost every match, which the allowlist then does not concern.
     */
    record Guarded(Pattern regex, List<String> literals) {}

    /**
     * An allowlist whose regexes run guarded by their literals where they have one, and the rest as one
     * alternation, so a match is checked against all of them in one pass instead of one pass each.
     */
    Allowlist(List<Pattern> regexes, Target target, List<String> stopwords, boolean requireAll) {
        this(regexes, target, stopwords, requireAll, guarded(regexes), union(unguarded(regexes)));
    }

    private static List<Guarded> guarded(List<Pattern> regexes) {
        return regexes.stream()
                .flatMap(regex ->
                        MatchStart.of(regex.pattern()).stream().map(start -> new Guarded(regex, start.literals())))
                .toList();
    }

    private static List<Pattern> unguarded(List<Pattern> regexes) {
        return regexes.stream()
                .filter(regex -> MatchStart.of(regex.pattern()).isEmpty())
                .toList();
    }

    private static Pattern union(List<Pattern> regexes) {
        if (regexes.isEmpty()) {
            return null;
        }
        StringBuilder alternation = new StringBuilder();
        for (Pattern regex : regexes) {
            alternation
                    .append(alternation.isEmpty() ? "" : "|")
                    .append("(?:")
                    .append(regex.pattern())
                    .append(')');
        }
        return Pattern.compile(alternation.toString());
    }

    /** Whether this allowlist lets the match go. */
    boolean allows(CharSequence secret, CharSequence match, CharSequence line) {
        boolean hasRegexes = !regexes.isEmpty();
        boolean hasStopwords = !stopwords.isEmpty();
        if (!hasRegexes && !hasStopwords) {
            return false;
        }
        CharSequence subject = switch (target) {
            case SECRET -> secret;
            case MATCH -> match;
            case LINE -> line;
        };
        boolean regexHit = hasRegexes && regexFinds(subject);
        boolean stopwordHit = hasStopwords && containsStopword(secret);
        if (requireAll) {
            return (!hasRegexes || regexHit) && (!hasStopwords || stopwordHit);
        }
        return regexHit || stopwordHit;
    }

    private boolean regexFinds(CharSequence subject) {
        if (anyOtherRegex != null && anyOtherRegex.matcher(subject).find()) {
            return true;
        }
        String folded = guarded.isEmpty() ? null : folded(subject);
        for (Guarded regex : guarded) {
            for (String literal : regex.literals()) {
                if (folded.contains(literal)) {
                    if (regex.regex().matcher(subject).find()) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    /**
     * The subject in lower case as far as ASCII letters go, with the two characters that RE2's {@code (?i)}
     * takes for one (the long s, U+017F, and the Kelvin sign, U+212A) turned into it, so that a subject a
     * case-insensitive regex matches always holds its literal.
     */
    private static String folded(CharSequence subject) {
        StringBuilder out = new StringBuilder(subject.length());
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c == '\u017f' ? 's' : c == '\u212a' ? 'k' : c);
        }
        return out.toString();
    }

    private boolean containsStopword(CharSequence secret) {
        String lower = secret.toString().toLowerCase(Locale.ROOT);
        for (String stopword : stopwords) {
            if (lower.contains(stopword)) {
                return true;
            }
        }
        return false;
    }
}
