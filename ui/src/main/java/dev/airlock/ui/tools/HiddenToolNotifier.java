package dev.airlock.ui.tools;

import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.HiddenToolView;
import dev.airlock.runtime.control.ServerView;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Turns the tools Airlock newly hid (new, changed, renamed, not the version the company pinned, or
 * poisoned) into tray notifications, once each: a tool is told again only when the server offers yet
 * another definition of it. Fed the engine's status on each tray round; no toolkit here, so it is
 * tested as plain code.
 */
public final class HiddenToolNotifier {

    private final ResourceBundle strings;
    /** server, tool and the definition's pin, of every hidden tool already told. */
    private final Set<String> told = new HashSet<>();

    public HiddenToolNotifier(ResourceBundle strings) {
        this.strings = strings;
    }

    /** At most one notification for what was hidden since the last call; empty when nothing new. */
    public Optional<String> next(EngineStatus status) {
        Map<ServerView, List<HiddenToolView>> fresh = new LinkedHashMap<>();
        for (ServerView server : status.servers()) {
            for (HiddenToolView hidden : server.tools().hidden()) {
                if (!"not-allowed".equals(hidden.reason())
                        && told.add(server.shortName() + "\u0000" + hidden.tool() + "\u0000" + hidden.digest())) {
                    fresh.computeIfAbsent(server, s -> new ArrayList<>()).add(hidden);
                }
            }
        }
        int count = fresh.values().stream().mapToInt(List::size).sum();
        if (count == 0) {
            return Optional.empty();
        }
        if (count == 1) {
            HiddenToolView only = fresh.values().iterator().next().getFirst();
            return Optional.of(MessageFormat.format(
                    strings.getString(only.approvable() ? "tools.hidden.notify.approvable" : "tools.hidden.notify.one"),
                    only.sentence()));
        }
        ServerView first = fresh.keySet().iterator().next();
        String title = first.title() == null || first.title().isBlank() ? first.shortName() : first.title();
        return Optional.of(MessageFormat.format(
                strings.getString("tools.hidden.notify.many"),
                count,
                fresh.size() == 1 ? title : strings.getString("tools.hidden.notify.servers")));
    }
}
