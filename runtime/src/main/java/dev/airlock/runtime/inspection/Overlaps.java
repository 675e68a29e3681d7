package dev.airlock.runtime.inspection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns the matches of every rule in one string into one finding per matched region. Rules are matched
 * each on its own ({@link TextScanner}), so one value can fire several: {@code aws_secret_access_key =
 * …} is an AWS secret key and also a secret assigned to a name. Counting both would tell the user "2
 * secrets hidden" for one, and redacting both would nest the marks. This step runs after matching, so
 * each rule is still matched — and tested — on its own.
 *
 * <p>Of matches that overlap, the one kept is, in this order: the one whose action is strictest (a
 * secret to redact wins over personal data to warn about, so resolving an overlap never weakens what is
 * done), the most specific rule ({@link Specificity}: validated, then specific, then generic, then
 * catch-all), the longer match, the one further left, and the rule listed first. Matches that overlap a
 * kept one are dropped as findings, but their text is redacted with it: the union of the overlapping
 * spans is replaced once, by the kept rule's mark.
 */
final class Overlaps {

    private Overlaps() {}

    /**
     * What to report and what to replace in one string.
     *
     * @param findings the matches kept, one per region, ordered by where they start
     * @param redactions the regions to replace, ordered and not overlapping
     */
    record Resolved(List<TextScanner.Hit> findings, List<Redaction> redactions) {}

    /**
     * One region to replace: the union of overlapping matches, at least one of them to be redacted.
     *
     * @param ruleIds the kept rules in the region, named in its mark (one, unless a broad match spans
     *     two separate findings)
     */
    record Redaction(int start, int end, List<String> ruleIds) {
        /** What replaces the region: {@code [REDACTED:rule-id]}. */
        String mark() {
            StringBuilder mark = new StringBuilder();
            for (String id : ruleIds) {
                mark.append("[REDACTED:").append(id).append(']');
            }
            return mark.toString();
        }
    }

    /**
     * @param hits every rule's matches in the string, ordered by where they start (as {@link
     *     TextScanner#scan} returns them)
     * @param actions what the policy does with a rule's matches
     */
    static Resolved resolve(List<TextScanner.Hit> hits, Function<Rule, Action> actions) {
        if (hits.size() < 2) {
            List<Redaction> redactions =
                    hits.isEmpty() || actions.apply(hits.getFirst().rule()) != Action.REDACT
                            ? List.of()
                            : List.of(new Redaction(
                                    hits.getFirst().secretStart(),
                                    hits.getFirst().secretEnd(),
                                    List.of(hits.getFirst().rule().id())));
            return new Resolved(hits, redactions);
        }
        List<TextScanner.Hit> kept = kept(hits, actions);
        return new Resolved(kept, redactions(hits, kept, actions));
    }

    /** The matches kept, best first: each is kept unless it overlaps one kept before it. */
    private static List<TextScanner.Hit> kept(List<TextScanner.Hit> hits, Function<Rule, Action> actions) {
        List<TextScanner.Hit> ranked = new ArrayList<>(hits);
        // List.sort is stable: among equals, the scanner's order (rule order for one place) decides
        ranked.sort(Comparator.<TextScanner.Hit>comparingInt(h -> -strictness(actions.apply(h.rule())))
                .thenComparing(h -> h.rule().specificity(), Comparator.reverseOrder())
                .thenComparingInt(h -> -(h.secretEnd() - h.secretStart()))
                .thenComparingInt(TextScanner.Hit::secretStart));
        TreeMap<Integer, TextScanner.Hit> byStart = new TreeMap<>();
        List<TextScanner.Hit> empty = new ArrayList<>();
        for (TextScanner.Hit hit : ranked) {
            if (hit.secretStart() == hit.secretEnd()) {
                empty.add(hit); // overlaps nothing, and there is nothing to replace
                continue;
            }
            Map.Entry<Integer, TextScanner.Hit> before = byStart.floorEntry(hit.secretStart());
            Map.Entry<Integer, TextScanner.Hit> after = byStart.higherEntry(hit.secretStart());
            boolean overlaps = (before != null && before.getValue().secretEnd() > hit.secretStart())
                    || (after != null && after.getKey() < hit.secretEnd());
            if (!overlaps) {
                byStart.put(hit.secretStart(), hit);
            }
        }
        List<TextScanner.Hit> kept = new ArrayList<>(byStart.values());
        if (!empty.isEmpty()) {
            kept.addAll(empty);
            kept.sort(Comparator.comparingInt(TextScanner.Hit::secretStart));
        }
        return kept;
    }

    /** Regions of overlapping matches that hold a match to redact, each with the kept rules in it. */
    private static List<Redaction> redactions(
            List<TextScanner.Hit> hits, List<TextScanner.Hit> kept, Function<Rule, Action> actions) {
        List<Redaction> redactions = new ArrayList<>();
        int k = 0;
        int i = 0;
        while (i < hits.size()) {
            TextScanner.Hit first = hits.get(i);
            int start = first.secretStart();
            int end = first.secretEnd();
            boolean redact = actions.apply(first.rule()) == Action.REDACT;
            i++;
            while (i < hits.size() && hits.get(i).secretStart() < end) {
                end = Math.max(end, hits.get(i).secretEnd());
                redact |= actions.apply(hits.get(i).rule()) == Action.REDACT;
                i++;
            }
            List<String> ids = new ArrayList<>(1);
            while (k < kept.size() && kept.get(k).secretStart() < end) {
                if (kept.get(k).secretStart() >= start) {
                    ids.add(kept.get(k).rule().id());
                }
                k++;
            }
            if (redact && end > start) {
                redactions.add(new Redaction(
                        start, end, ids.isEmpty() ? List.of(first.rule().id()) : ids));
            }
        }
        return redactions;
    }

    private static int strictness(Action action) {
        return switch (action) {
            case BLOCK -> 3;
            case REDACT -> 2;
            case WARN -> 1;
            case OFF -> 0;
        };
    }
}
