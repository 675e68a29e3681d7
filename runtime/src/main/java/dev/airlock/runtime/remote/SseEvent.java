package dev.airlock.runtime.remote;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event.
 *
 * @param type the {@code event:} field; {@code message} when there was none
 * @param data the {@code data:} lines joined by line feeds, as UTF-8 bytes
 */
record SseEvent(String type, byte[] data) {

    String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
