package dev.airlock.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A forwarder on 127.0.0.1 that adds a gateway token to each request and changes nothing else:
 * {@code Host}, {@code Origin} and the body reach the gateway as the client sent them. For clients
 * that cannot send a token (the MCP conformance suite sends none). One request per connection: it
 * asks the gateway to close after answering and passes the answer back until then, so answers of
 * any length and event streams need no parsing here.
 */
public final class TokenForwarder implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final String token;

    public TokenForwarder(int upstreamPort, String token) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.token = token;
        Thread.ofVirtual().name("token-forwarder").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> forward(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void forward(Socket client) {
        try (client;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream in = client.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            long length = 0;
            var rewritten = new StringBuilder(head.getFirst()).append("\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':')))
                        .strip()
                        .toLowerCase(Locale.ROOT);
                switch (name) {
                    case "authorization", "connection", "keep-alive" -> {}
                    case "transfer-encoding" -> throw new IOException("chunked request bodies are not forwarded");
                    default -> {
                        if (name.equals("content-length")) {
                            length = Long.parseLong(
                                    line.substring(line.indexOf(':') + 1).strip());
                        }
                        rewritten.append(line).append("\r\n");
                    }
                }
            }
            rewritten.append("Authorization: Bearer ").append(token).append("\r\n");
            rewritten.append("Connection: close\r\n\r\n");
            OutputStream out = upstream.getOutputStream();
            out.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            copy(in, out, length);
            out.flush();
            upstream.getInputStream().transferTo(client.getOutputStream()); // until the gateway closes
        } catch (IOException e) {
            // the client or the gateway went away: nothing to pass on
        }
    }

    /** The request line and header lines, without the blank line; empty at the end of input. */
    private static List<String> readHead(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        int previous3 = 0;
        int b;
        while ((b = in.read()) != -1) {
            bytes.write(b);
            previous3 = (previous3 << 8 | b) & 0xFFFFFFFF;
            if (previous3 == 0x0D0A0D0A) {
                break;
            }
            if (bytes.size() > MAX_HEAD) {
                throw new IOException("request head too long");
            }
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1).strip();
        var lines = new ArrayList<String>();
        if (!text.isEmpty()) {
            lines.addAll(List.of(text.split("\r\n")));
        }
        return lines;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the request body ended early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
