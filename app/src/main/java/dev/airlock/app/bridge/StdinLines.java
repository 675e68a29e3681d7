package dev.airlock.app.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-delimited messages, never holding more than a limit: a longer line is skipped to its
 * end and reported, so one oversized message does not end the conversation.
 */
final class StdinLines {

    /** One line of input. */
    sealed interface Line {
        record Text(byte[] bytes) implements Line {}

        record TooLong() implements Line {}
    }

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** @param in read a byte at a time: pass a buffered stream */
    StdinLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its {@code \n} or {@code \r\n}, or null at the end of the input. */
    Line next() throws IOException {
        line.reset();
        boolean tooLong = false;
        int b = in.read();
        if (b == -1) {
            return null;
        }
        for (; b != -1 && b != '\n'; b = in.read()) {
            if (tooLong) {
                continue;
            }
            if (line.size() == maxBytes + 1) { // + 1: room for a '\r' before the '\n'
                tooLong = true;
                line.reset();
                continue;
            }
            line.write(b);
        }
        if (tooLong) {
            return new Line.TooLong();
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length > maxBytes) {
            return new Line.TooLong();
        }
        return new Line.Text(length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length));
    }
}
