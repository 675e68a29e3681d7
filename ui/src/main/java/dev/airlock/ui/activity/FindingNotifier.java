package dev.airlock.ui.activity;

import dev.airlock.runtime.control.ActivityView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;

/**
 * Turns the calls in which Airlock hid or blocked something into tray notifications, without flooding
 * the desktop: calls are collected as they end (any thread), and each {@link #next} — which the app
 * calls every few seconds — gives at most one notification: the call's own when one call is waiting,
 * one for all of them when several came at once.
 */
public final class FindingNotifier {

    private final FindingWords words;
    private final ConcurrentLinkedQueue<ActivityView> waiting = new ConcurrentLinkedQueue<>();

    public FindingNotifier(ResourceBundle strings) {
        this.words = new FindingWords(strings);
    }

    /** Hears a call as it ends; keeps it only when Airlock hid or blocked something in it. Any thread. */
    public void offer(ActivityView call) {
        if (call.findings().stream()
                .anyMatch(f -> f.action().equals("redact") || f.action().equals("block"))) {
            waiting.add(call);
        }
    }

    /**
     * The notification for what came since the last call, if anything did.
     *
     * @param serverNames a server's name as people know it, from its short name
     */
    public Optional<String> next(UnaryOperator<String> serverNames) {
        List<ActivityView> calls = new ArrayList<>();
        ActivityView call;
        while ((call = waiting.poll()) != null) {
            calls.add(call);
        }
        if (calls.isEmpty()) {
            return Optional.empty();
        }
        if (calls.size() > 1) {
            return Optional.of(words.notices(calls.size()));
        }
        ActivityView only = calls.getFirst();
        return words.notice(only, only.server() == null ? "" : serverNames.apply(only.server()));
    }
}
