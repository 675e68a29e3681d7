package dev.airlock.runtime.gateway;

import dev.airlock.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SSE events of one stream (a session's GET stream, or the answer to one POST), numbered, with
 * the newest kept so that an AI app whose connection was cut can ask for the rest with
 * {@code Last-Event-ID} (MCP 2025-03-26 and later). An event id names its stream and its place in
 * it, {@code STREAM.SEQ}; stream ids are random, so an id from another session names nothing here.
 */
final class ResumableStream {

    /** How many events, and how many bytes of them, a stream keeps for resumption. */
    static final int MAX_EVENTS = 256;

    static final long MAX_BYTES = 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One event as written: its number, and its text with the {@code id:} line when it has one. */
    record Event(long seq, String text) {}

    /** Where a {@code Last-Event-ID} points: a stream and the last event the app has. */
    record Cursor(String stream, long seq) {
        /** Null when the value is not an event id of this gateway's. */
        static Cursor parse(String lastEventId) {
            if (lastEventId == null) {
                return null;
            }
            int dot = lastEventId.lastIndexOf('.');
            if (dot <= 0 || dot == lastEventId.length() - 1 || lastEventId.length() > 64) {
                return null;
            }
            try {
                long seq = Long.parseLong(lastEventId.substring(dot + 1));
                return seq < 0 ? null : new Cursor(lastEventId.substring(0, dot), seq);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final String id;
    private final boolean withIds;
    private final ArrayDeque<Event> kept = new ArrayDeque<>();
    private long keptBytes;
    private long nextSeq = 1;
    private boolean ended;
    /** Counts {@link #wake()} calls: a writer waiting in {@link #after} returns when it changes. */
    private long wakes;

    /** @param withIds whether events carry ids: not for MCP 2024-11-05, which cannot resume */
    ResumableStream(boolean withIds) {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        this.id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        this.withIds = withIds;
    }

    String id() {
        return id;
    }

    /** Numbers a message, keeps it (dropping the oldest beyond the limits) and wakes the writers. */
    synchronized Event append(ObjectNode message, boolean last) {
        long seq = nextSeq++;
        String data = "event: message\ndata: " + Json.mapper().writeValueAsString(message) + "\n\n";
        var event = new Event(seq, withIds ? "id: " + id + "." + seq + "\n" + data : data);
        kept.addLast(event);
        keptBytes += size(event);
        while (kept.size() > MAX_EVENTS || (keptBytes > MAX_BYTES && kept.size() > 1)) {
            keptBytes -= size(kept.removeFirst());
        }
        ended |= last;
        notifyAll();
        return event;
    }

    /** The number of the newest event; 0 before the first. */
    synchronized long latest() {
        return nextSeq - 1;
    }

    /** Whether the last event (a POST's final answer) has been appended. */
    synchronized boolean ended() {
        return ended;
    }

    /**
     * The kept events after {@code seq}, waiting up to {@code waitNanos} for one when there is none
     * yet, or until {@link #wake()}: then the list may be empty. Events dropped for the limits are
     * skipped.
     */
    synchronized List<Event> after(long seq, long waitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        long woken = wakes;
        while (latest() <= seq && !ended && wakes == woken) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        List<Event> events = new ArrayList<>();
        for (Event event : kept) {
            if (event.seq() > seq) {
                events.add(event);
            }
        }
        return events;
    }

    /** Wakes writers waiting in {@link #after}, so they notice their session has ended. */
    synchronized void wake() {
        wakes++;
        notifyAll();
    }

    private static long size(Event event) {
        return event.text().getBytes(StandardCharsets.UTF_8).length;
    }
}
