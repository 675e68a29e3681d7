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
 * @param anyRegex the regexes as one alternation
 */
record Allowlist(List<Pattern> regexes, Target target, List<String> stopwords, boolean requireAll, Pattern anyRegex) {

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
     * An allowlist whose regexes also run as one alternation, so a match is checked against all of
     * them in one pass instead of one pass each.
     */
    Allowlist(List<Pattern> regexes, Target target, List<String> stopwords, boolean requireAll) {
        this(regexes, target, stopwords, requireAll, union(regexes));
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
        boolean regexHit = hasRegexes && anyRegex.matcher(subject).find();
        boolean stopwordHit = hasStopwords && containsStopword(secret);
        if (requireAll) {
            return (!hasRegexes || regexHit) && (!hasStopwords || stopwordHit);
        }
        return regexHit || stopwordHit;
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
