package dev.airlock.ui.activity;

import dev.airlock.runtime.control.ActivityView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;

/** One call as the Activity table shows it. */
public record ActivityRow(
        long id,
        String time,
        String app,
        String server,
        String tool,
        String outcome,
        String duration,
        String badge,
        ActivityView call) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /**
     * @param serverNames a server's name as its card shows it, from the server's short name
     */
    static ActivityRow of(ActivityView call, ResourceBundle strings, UnaryOperator<String> serverNames) {
        return new ActivityRow(
                call.id(),
                time(call.at()),
                app(call, strings),
                call.server() == null ? "" : serverNames.apply(call.server()),
                action(call, strings),
                strings.getString("activity.outcome." + call.outcome()),
                duration(call.durationMs()),
                new FindingWords(strings).badge(call),
                call);
    }

    /** The AI app by the name people know it by, where Airlock knows the name it gives itself. */
    private static String app(ActivityView call, ResourceBundle strings) {
        String name = call.clientApp() == null || call.clientApp().isBlank() ? call.client() : call.clientApp();
        String key = "activity.client." + name;
        return name != null && strings.containsKey(key) ? strings.getString(key) : name;
    }

    /** The tool, prompt or resource used; for the protocol's own steps, what they mean. */
    private static String action(ActivityView call, ResourceBundle strings) {
        if (call.target() != null) {
            return call.target();
        }
        String key = "activity.method." + call.method();
        return call.method() != null && strings.containsKey(key) ? strings.getString(key) : call.method();
    }

    private static String time(String at) {
        try {
            return TIME.format(Instant.parse(at));
        } catch (DateTimeParseException | NullPointerException e) {
            return "";
        }
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format("%.1f s", millis / 1000.0);
    }
}
