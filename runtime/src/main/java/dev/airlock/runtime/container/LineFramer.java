package dev.airlock.runtime.container;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into newline-delimited messages, as MCP's stdio transport frames them. A line
 * longer than the limit is dropped whole (up to its newline) and reported, so one oversized message
 * cannot exhaust memory or desynchronise the stream. Not thread-safe: one reader feeds it.
 */
final class LineFramer {

    private final int maxLineBytes;
    private final Consumer<byte[]> onLine;
    private final Consumer<Integer> onOversized;
    private byte[] buffer = new byte[8192];
    private int length;
    private boolean discarding;
    private int discarded;

    LineFramer(int maxLineBytes, Consumer<byte[]> onLine, Consumer<Integer> onOversized) {
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
        if (discarding) {
            discarded += count;
            return;
        }
        if (length + count > maxLineBytes) {
            discarding = true;
            discarded = length + count;
            length = 0;
            return;
        }
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, Math.max(buffer.length * 2, length + count)));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    private void emit() {
        if (discarding) {
            discarding = false;
            onOversized.accept(discarded);
            discarded = 0;
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
