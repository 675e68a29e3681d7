package dev.airlock.app.bridge;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Stdout is the protocol: each message is one whole line, written under one lock so that messages
 * from concurrent requests never interleave.
 */
final class StdoutMessages {

    private static final Logger LOG = LoggerFactory.getLogger(StdoutMessages.class);

    private final OutputStream out;
    private boolean broken;

    StdoutMessages(OutputStream out) {
        this.out = out;
    }

    void write(JsonNode message) {
        writeLine(Json.mapper().writeValueAsBytes(message));
    }

    /** Writes a message as the gateway sent it, made one line if it spans several. */
    void write(String json) {
        if (json.indexOf('\n') < 0 && json.indexOf('\r') < 0) {
            writeLine(json.getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            write(Json.mapper().readTree(json));
        } catch (JacksonException e) {
            LOG.warn("The gateway sent a message that is not JSON; it is left out");
        }
    }

    private synchronized void writeLine(byte[] line) {
        if (broken) {
            return;
        }
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            broken = true; // the AI app has gone; stdin ending tells the bridge to stop
            LOG.warn("Cannot write to the AI app: {}", e.getMessage());
        }
    }
}
