package dev.airlock.runtime.container;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into newline-delimited messages, as MCP's stdio transport frames them. A line
 * longer than the limit is dropped whole (up to its newline) and reported with its first and last
 * bytes, so one oversized message cannot exhaust memory or desynchronise the stream, and the request
 * it answered can still be told. Not thread-safe: one reader feeds it.
 */
final class LineFramer {

    /** How much of each end of a dropped line is kept for the report. */
    static final int KEPT_ENDS = 256;

    /** A dropped line: its size and its two ends. */
    record Oversized(long size, byte[] head, byte[] tail) {}

    private final int maxLineBytes;
    private final Consumer<byte[]> onLine;
    private final Consumer<Oversized> onOversized;
    private byte[] buffer = new byte[8192];
    private int length;
    private boolean discarding;
    private long discarded;
    private byte[] head;
    private final byte[] tail = new byte[KEPT_ENDS];
    private int tailLength;

    LineFramer(int maxLineBytes, Consumer<byte[]> onLine, Consumer<Oversized> onOversized) {
        this.maxLineBytes = maxLineBytes;
        this.onLine = onLine;
        this.onOversized = onOversized;
    }

    void feed(byte[] bytes, int offset, int count) {
        int start = offset;
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    private void append(byte[] bytes, int offset, int count) {
        if (count == 0) {
            return;
        }
        if (!discarding && length + count > maxLineBytes) {
            discarding = true;
            head = Arrays.copyOf(buffer, Math.min(length, KEPT_ENDS));
            if (head.length < KEPT_ENDS) {
                int more = Math.min(KEPT_ENDS - head.length, count);
                head = Arrays.copyOf(head, head.length + more);
                System.arraycopy(bytes, offset, head, head.length - more, more);
            }
            discarded = length;
            keepTail(buffer, 0, length);
            length = 0;
        }
        if (discarding) {
            discarded += count;
            keepTail(bytes, offset, count);
            return;
        }
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, Math.max(buffer.length * 2, length + count)));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    /** Keeps the last {@link #KEPT_ENDS} bytes seen of the line being dropped. */
    private void keepTail(byte[] bytes, int offset, int count) {
        if (count >= KEPT_ENDS) {
            System.arraycopy(bytes, offset + count - KEPT_ENDS, tail, 0, KEPT_ENDS);
            tailLength = KEPT_ENDS;
            return;
        }
        int keep = Math.min(tailLength, KEPT_ENDS - count);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        System.arraycopy(bytes, offset, tail, keep, count);
        tailLength = keep + count;
    }

    private void emit() {
        if (discarding) {
            byte[] end = Arrays.copyOf(tail, tailLength);
            if (tailLength > 0 && end[tailLength - 1] == '\r') {
                end = Arrays.copyOf(end, tailLength - 1);
            }
            onOversized.accept(new Oversized(discarded, head, end));
            discarding = false;
            discarded = 0;
            tailLength = 0;
            head = null;
            return;
        }
        int end = length;
        if (end > 0 && buffer[end - 1] == '\r') {
            end--;
        }
        length = 0;
        if (end > 0) {
            onLine.accept(Arrays.copyOf(buffer, end));
        }
    }
}
