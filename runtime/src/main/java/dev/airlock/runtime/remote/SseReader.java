package dev.airlock.runtime.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a {@code text/event-stream} (the WHATWG server-sent events format) from an untrusted server.
 * An event's data is held up to a limit; a larger one is counted and dropped, and only its first
 * and last bytes are kept so that the request it answered can still get an error.
 */
final class SseReader {

    /** Receives the events of one stream, on the reading thread. */
    interface Handler {
        void onEvent(SseEvent event);

        /** An event whose data went over the limit; {@code head} and {@code tail} are its ends. */
        void onOversized(long size, byte[] head, byte[] tail);
    }

    static final int EDGE = 256;
    // room for a field name in front of the data on one line
    private static final int LINE_SLACK = 64;
    private static final int BUFFER = 8192;

    private final InputStream in;
    private final int maxEventBytes;

    // the line being read
    private byte[] line = new byte[256];
    private int lineLength;
    private long lineOverflow; // bytes past the buffer, when the line is longer than any event may be
    private final byte[] lineTail = new byte[EDGE];

    // the event being assembled
    private String type;
    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private long oversizedSize = -1; // -1 while the event fits
    private byte[] oversizedHead;
    private byte[] oversizedTail;

    SseReader(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** Reads until the stream ends; an event the stream ends in the middle of is dropped (as the format says). */
    void readAll(Handler handler) throws IOException {
        byte[] buffer = new byte[BUFFER];
        boolean afterCarriageReturn = false;
        int read;
        while ((read = in.read(buffer)) != -1) {
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                if (b == '\n' && afterCarriageReturn) {
                    afterCarriageReturn = false;
                    continue;
                }
                afterCarriageReturn = b == '\r';
                if (b == '\n' || b == '\r') {
                    endLine(handler);
                } else {
                    append(b);
                }
            }
        }
    }

    private void append(byte b) {
        if (lineLength < maxEventBytes + LINE_SLACK) {
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, maxEventBytes + LINE_SLACK));
            }
            line[lineLength++] = b;
        } else {
            lineTail[(int) (lineOverflow % EDGE)] = b;
            lineOverflow++;
        }
    }

    private void endLine(Handler handler) {
        try {
            if (lineLength == 0 && lineOverflow == 0) {
                dispatch(handler);
            } else if (line[0] != ':') { // a colon first: a comment
                field();
            }
        } finally {
            lineLength = 0;
            lineOverflow = 0;
        }
    }

    private void field() {
        int colon = indexOf((byte) ':');
        String name = new String(line, 0, colon < 0 ? lineLength : colon, StandardCharsets.UTF_8);
        int valueStart = colon < 0 ? lineLength : colon + 1;
        if (valueStart < lineLength && line[valueStart] == ' ') {
            valueStart++;
        }
        switch (name) {
            case "data" -> data(valueStart);
            case "event" ->
                type = lineOverflow > 0
                        ? null
                        : new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
            default -> {} // id and retry: Airlock does not resume streams; others are ignored by the format
        }
    }

    private void data(int valueStart) {
        int length = lineLength - valueStart;
        long total = (hasData ? dataLength + 1L : 0L) + length + lineOverflow;
        if (oversizedSize >= 0) {
            oversizedSize += (hasData ? 1 : 0) + length + lineOverflow;
            oversizedTail = tailOf(valueStart);
            return;
        }
        if (total > maxEventBytes) {
            oversizedSize = total;
            oversizedHead = hasData
                    ? Arrays.copyOf(data, Math.min(EDGE, dataLength))
                    : Arrays.copyOfRange(line, valueStart, valueStart + Math.min(EDGE, length));
            oversizedTail = tailOf(valueStart);
            hasData = true;
            dataLength = 0;
            return;
        }
        if (hasData) {
            put((byte) '\n');
        }
        for (int i = valueStart; i < lineLength; i++) {
            put(line[i]);
        }
        hasData = true;
    }

    private void put(byte b) {
        if (dataLength == data.length) {
            data = Arrays.copyOf(data, Math.min(data.length * 2, maxEventBytes));
        }
        data[dataLength++] = b;
    }

    /** The last bytes of the current line's value, in order. */
    private byte[] tailOf(int valueStart) {
        if (lineOverflow == 0) {
            int from = Math.max(valueStart, lineLength - EDGE);
            return Arrays.copyOfRange(line, from, lineLength);
        }
        int kept = (int) Math.min(EDGE, lineOverflow);
        byte[] tail = new byte[kept];
        long start = lineOverflow - kept;
        for (int i = 0; i < kept; i++) {
            tail[i] = lineTail[(int) ((start + i) % EDGE)];
        }
        return tail;
    }

    private int indexOf(byte b) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void dispatch(Handler handler) {
        try {
            if (oversizedSize >= 0) {
                handler.onOversized(oversizedSize, oversizedHead, oversizedTail);
            } else if (hasData) {
                handler.onEvent(new SseEvent(
                        type == null || type.isEmpty() ? "message" : type, Arrays.copyOf(data, dataLength)));
            }
        } finally {
            type = null;
            dataLength = 0;
            hasData = false;
            oversizedSize = -1;
            oversizedHead = null;
            oversizedTail = null;
            if (data.length > 64 * 1024) {
                data = new byte[256]; // a large event's buffer is not held for the life of the stream
            }
        }
    }
}
