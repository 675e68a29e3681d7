package dev.airlock.app.cli;

import dev.airlock.runtime.control.ActivityView;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The activity table people read: one call per line, oldest first, so that in a terminal the newest
 * is at the bottom, next to the prompt. Times are the computer's local time.
 */
final class ActivityFormat {

    private static final String[] HEADER = {"TIME", "APP", "SERVER", "TOOL/METHOD", "OUTCOME", "DURATION"};

    /** Column widths while following, when later rows cannot widen the columns of earlier ones. */
    private static final int[] FOLLOW_WIDTHS = {8, 16, 12, 32, 9};

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final ZoneId zone;

    ActivityFormat(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param newestFirst as the engine answers
     * @param limit how many were asked for: when that many came, there may be more
     */
    String table(List<ActivityView> newestFirst, String server, int limit) {
        if (newestFirst.isEmpty()) {
            return server == null
                    ? "No calls yet. When an AI app uses a server through Airlock, its calls appear here.\n"
                    : "No calls to " + printable(server) + " yet.\n";
        }
        TextTable table = new TextTable().row(HEADER);
        for (ActivityView call : newestFirst.reversed()) {
            table.row(cells(call));
        }
        String text = table.render();
        if (newestFirst.size() == limit && limit < EngineCommands.Activity.MAX_LIMIT) {
            text += "These are the last " + limit + " calls; `airlock activity --limit N` shows more.\n";
        }
        return text;
    }

    /** The header while following. */
    String followHeader() {
        return followLine(HEADER);
    }

    /** One call while following. */
    String followRow(ActivityView call) {
        return followLine(cells(call));
    }

    private static String followLine(String[] cells) {
        var line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < FOLLOW_WIDTHS.length) {
                line.append(" ".repeat(Math.max(0, FOLLOW_WIDTHS[i] - cells[i].length())))
                        .append("  ");
            }
        }
        return line.toString().stripTrailing() + "\n";
    }

    private String[] cells(ActivityView call) {
        return new String[] {
            time(call.at()),
            printable(call.clientApp()),
            printable(call.server()),
            printable(what(call)),
            printable(call.outcome()),
            duration(call.durationMs())
        };
    }

    /** A tool call shows the tool; other calls show the method, and what they were about. */
    private static String what(ActivityView call) {
        if (call.target() == null || call.target().isEmpty()) {
            return call.method();
        }
        return "tools/call".equals(call.method()) ? call.target() : call.method() + " " + call.target();
    }

    private String time(String at) {
        try {
            return LocalTime.ofInstant(Instant.parse(at), zone).format(TIME);
        } catch (DateTimeException | NullPointerException e) {
            return printable(at);
        }
    }

    static String duration(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
        }
        return millis / 60_000 + " min " + millis % 60_000 / 1_000 + " s";
    }

    /** Names come from AI apps: a control character must not reach the terminal. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
