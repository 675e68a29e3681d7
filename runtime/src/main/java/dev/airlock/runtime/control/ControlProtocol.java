package dev.airlock.runtime.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The framing and error codes the control server and client share: UTF-8 JSON, one object per
 * line ({@code \n}) each way, one answer per request, in order. A request that waits on the user
 * ({@code signin}) may be preceded in its answer by notice lines ({@link ControlNotice}).
 */
final class ControlProtocol {

    /** A request line longer than this is refused and its connection closed. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    /** Guards the client against an endless answer or notice; a catalog is far smaller. */
    static final int MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

    static final String BAD_REQUEST = "bad_request";
    static final String REQUEST_TOO_LARGE = "request_too_large";
    static final String INTERNAL = "internal";
    static final String NOT_RUNNING = "not_running";
    static final String UNREACHABLE = "unreachable";
    static final String TIMEOUT = "timeout";
    static final String CONNECTION_LOST = "connection_lost";
    static final String PROTOCOL = "protocol";
    static final String NO_WINDOW = "no_window";

    private ControlProtocol() {}

    /** Thrown when a line exceeds its limit; the stream is then out of step and must be closed. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int maxBytes) {
            super("line longer than " + maxBytes + " bytes");
        }
    }

    /** Reads {@code \n}-terminated lines without ever holding more than the limit in memory. */
    static final class LineReader {

        private final InputStream in;
        private final int maxBytes;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineReader(InputStream in, int maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        /** The next line without its terminator, or null at the end of the stream. */
        byte[] readLine() throws IOException {
            line.reset();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    return line.size() == 0 ? null : line.toByteArray();
                }
                if (line.size() == maxBytes) {
                    throw new LineTooLongException(maxBytes);
                }
                line.write(b);
            }
            return line.toByteArray();
        }
    }

    /**
     * Unix socket addresses are a fixed-size C array ({@code sun_path}): 104 bytes on macOS and the
     * BSDs, 108 on Linux and Windows, each including the terminating zero byte.
     */
    static int maxSocketPathBytes() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") || os.contains("bsd") ? 103 : 107;
    }

    static void requireUsableSocketPath(Path socket) throws IOException {
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        int max = maxSocketPathBytes();
        if (length > max) {
            throw new IOException("The control socket path " + socket + " is " + length
                    + " bytes long, but this system allows at most " + max
                    + ". Choose a shorter state directory with --state-dir (or AIRLOCK_STATE_DIR).");
        }
    }
}
