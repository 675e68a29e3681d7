package dev.airlock.ui.activity;

import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.FindingView;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * What inspection found in a call, in words: the Activity row's badge ("2 secrets hidden"), the lines
 * of its details ("AWS secret access key, in what the tool returned: hidden"), and the tray
 * notification ("Airlock hid an AWS secret access key that Everything returned"). No toolkit here, so
 * all of it is tested with plain JUnit.
 */
public final class FindingWords {

    private final ResourceBundle strings;

    public FindingWords(ResourceBundle strings) {
        this.strings = strings;
    }

    /** The badge of a call's row: empty when inspection found nothing. */
    public String badge(ActivityView call) {
        if ("blocked".equals(call.outcome())) {
            return strings.getString("activity.badge.blocked");
        }
        var parts = new ArrayList<String>();
        add(parts, "activity.badge.secretsHidden", count(call, FindingView.SECRET, FindingView.REDACT));
        add(parts, "activity.badge.personalHidden", count(call, FindingView.PERSONAL_DATA, FindingView.REDACT));
        add(parts, "activity.badge.secretWarnings", count(call, FindingView.SECRET, FindingView.WARN));
        add(parts, "activity.badge.personalWarnings", count(call, FindingView.PERSONAL_DATA, FindingView.WARN));
        if (parts.isEmpty() && call.partlyInspected()) {
            parts.add(strings.getString("activity.badge.partly"));
        }
        return String.join(", ", parts);
    }

    /** One line per finding for the details pane, then a note when part of the call was too large to unpack. */
    public List<String> details(ActivityView call) {
        var lines = new ArrayList<String>();
        for (FindingView finding : call.findings()) {
            String where = strings.getString(
                    "activity.finding." + direction(finding) + ("tools/call".equals(call.method()) ? ".tool" : ""));
            String done = strings.getString("activity.finding." + finding.action());
            lines.add(
                    finding.count() > 1
                            ? MessageFormat.format(
                                    strings.getString("activity.finding.times"),
                                    finding.description(),
                                    where,
                                    done,
                                    finding.count())
                            : MessageFormat.format(
                                    strings.getString("activity.finding"), finding.description(), where, done));
        }
        if (call.partlyInspected()) {
            lines.add(strings.getString("activity.finding.partly"));
        }
        return lines;
    }

    /**
     * The notification for a call in which Airlock hid or blocked something; empty when it only noted
     * something (a warning is for the Activity screen, not worth interrupting anyone).
     *
     * @param server the server's name as people know it ("Everything")
     */
    public Optional<String> notice(ActivityView call, String server) {
        Optional<FindingView> blocked = call.findings().stream()
                .filter(f -> f.action().equals(FindingView.BLOCK))
                .findFirst();
        Optional<FindingView> hidden = call.findings().stream()
                .filter(f -> f.action().equals(FindingView.REDACT))
                .findFirst();
        FindingView first = blocked.or(() -> hidden).orElse(null);
        if (first == null) {
            return Optional.empty();
        }
        String key = (blocked.isPresent() ? "notice.blocked." : "notice.hid.") + direction(first);
        return Optional.of(MessageFormat.format(strings.getString(key), withArticle(first.description()), server));
    }

    /** Several calls at once: one notification for all of them. */
    public String notices(int calls) {
        return MessageFormat.format(strings.getString("notice.many"), calls);
    }

    private static String direction(FindingView finding) {
        return FindingView.TO_SERVER.equals(finding.direction()) ? "toServer" : "toApp";
    }

    private void add(List<String> parts, String key, int count) {
        if (count > 0) {
            parts.add(MessageFormat.format(strings.getString(key), count));
        }
    }

    private static int count(ActivityView call, String category, String action) {
        return call.findings().stream()
                .filter(f -> f.category().equals(category) && f.action().equals(action))
                .mapToInt(FindingView::count)
                .sum();
    }

    /** "an AWS secret access key", "a GitHub token". */
    static String withArticle(String words) {
        if (words == null || words.isEmpty()) {
            return "";
        }
        if (words.startsWith("A ") || words.startsWith("An ")) {
            return Character.toLowerCase(words.charAt(0)) + words.substring(1); // the rule's words have one
        }
        // a leading u is said as a consonant often enough ("a US ...", "a URL") to take it as one
        return ("aeioAEIO".indexOf(words.charAt(0)) >= 0 ? "an " : "a ") + words;
    }
}
