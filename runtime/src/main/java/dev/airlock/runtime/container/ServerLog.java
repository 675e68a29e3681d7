package dev.airlock.runtime.container;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's stderr: appended to its own log file (kept under a size cap by rotating once), with the
 * last lines kept in memory to explain a failure.
 */
final class ServerLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLog.class);
    static final long MAX_BYTES = 2L * 1024 * 1024;
    private static final int TAIL_LINES = 20;
    private static final int TAIL_LINE_CHARS = 300;

    private final Path file;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private OutputStream out;
    private long written;

    ServerLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    synchronized void write(byte[] bytes) {
        try {
            if (out == null || written + bytes.length > MAX_BYTES) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            written += bytes.length;
        } catch (IOException e) {
            LOG.debug("Cannot write the server log {}", file, e);
        }
        remember(new String(bytes, StandardCharsets.UTF_8));
    }

    private void rotate() throws IOException {
        if (out != null) {
            out.close();
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        written = Files.size(file);
    }

    private void remember(String text) {
        partial.append(text);
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline).strip();
            partial.delete(0, newline + 1);
            if (!line.isEmpty()) {
                tail.addLast(line.length() > TAIL_LINE_CHARS ? line.substring(0, TAIL_LINE_CHARS) + "…" : line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        }
        if (partial.length() > TAIL_LINE_CHARS * 4) {
            partial.setLength(0);
        }
    }

    /** The last lines the server wrote to stderr, oldest first. */
    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    @Override
    public synchronized void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            LOG.debug("Cannot close the server log {}", file, e);
        }
    }
}
