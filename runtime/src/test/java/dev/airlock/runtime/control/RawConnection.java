package dev.airlock.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** A connection that speaks the wire format by hand, as a third-party script would. */
final class RawConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final OutputStream out;
    private final BufferedReader in;

    RawConnection(Path socket) throws IOException {
        channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        out = Channels.newOutputStream(channel);
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /** Sends one request and reads one line back. */
    JsonNode exchange(String line) throws IOException {
        send(line);
        return next("answer to " + line);
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next line, which must be there. */
    JsonNode next(String what) throws IOException {
        String line = readLine();
        assertThat(line).as(what).isNotNull();
        return Json.mapper().readTree(line);
    }

    String readLine() throws IOException {
        return in.readLine();
    }

    /** End of stream, or a reset: Linux resets instead when the peer closed with bytes unread. */
    boolean endedByPeer() {
        try {
            return in.readLine() == null;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
