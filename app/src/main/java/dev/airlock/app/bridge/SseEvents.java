package dev.airlock.app.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reads a {@code text/event-stream} body and hands over each event's data, in order. */
final class SseEvents {

    private SseEvents() {}

    /** Returns when the stream ends; comments, event names and ids are skipped. */
    static void read(InputStream body, Consumer<String> data) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        var event = new StringBuilder();
        boolean hasData = false;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (hasData) {
                    data.accept(event.toString());
                }
                event.setLength(0);
                hasData = false;
            } else if (line.startsWith("data:")) {
                if (hasData) {
                    event.append('\n');
                }
                String value = line.substring(5);
                event.append(value.startsWith(" ") ? value.substring(1) : value);
                hasData = true;
            }
        }
        if (hasData) {
            data.accept(event.toString());
        }
    }
}
