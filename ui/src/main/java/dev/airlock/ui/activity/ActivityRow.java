package dev.airlock.ui.activity;

import dev.airlock.runtime.control.ActivityView;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ResourceBundle;

/** One call as the Activity table shows it. */
public record ActivityRow(
        long id,
        String time,
        String app,
        String server,
        String tool,
        String outcome,
        String duration,
        String findings,
        ActivityView call) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    static ActivityRow of(ActivityView call, ResourceBundle strings) {
        return new ActivityRow(
                call.id(),
                time(call.at()),
                call.clientApp() == null || call.clientApp().isBlank() ? call.client() : call.clientApp(),
                call.server(),
                call.target() == null ? call.method() : call.target(),
                strings.getString("activity.outcome." + call.outcome()),
                duration(call.durationMs()),
                String.join(", ", call.findings()),
                call);
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
