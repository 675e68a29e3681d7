package dev.airlock.runtime.control;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Writes the lines of one control connection. The engine may send notices from any thread, so
 * each line goes out whole under one lock, and a request's notices stop before its answer: a late
 * notice must not pass for the answer to the next request.
 */
final class ConnectionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWriter.class);

    private final OutputStream out;

    ConnectionWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts the lines of the next request. */
    Exchange exchange() {
        return new Exchange();
    }

    private synchronized void send(JsonNode json) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(json);
        byte[] line = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, line, 0, bytes.length);
        line[bytes.length] = '\n';
        out.write(line);
        out.flush();
    }

    /** One request's lines: any number of notices, then its one answer. */
    final class Exchange implements Consumer<SignInNotice> {

        private boolean open = true; // guarded by the writer

        /** Sends a notice, unless the answer has gone; never throws into the engine. */
        @Override
        public void accept(SignInNotice notice) {
            if (notice == null) {
                return;
            }
            synchronized (ConnectionWriter.this) {
                if (!open) {
                    LOG.debug("Dropped a notice that came after its answer: {}", notice.message());
                    return;
                }
                try {
                    send(new ControlNotice(notice).toJson());
                } catch (IOException e) {
                    open = false; // the peer is gone; the answer will fail the same way
                    LOG.debug("Could not send a notice: {}", e.toString());
                }
            }
        }

        /** Sends the answer; no notice of this request follows it. */
        void answer(ControlResponse response) throws IOException {
            synchronized (ConnectionWriter.this) {
                open = false;
                send(response.toJson());
            }
        }
    }
}
