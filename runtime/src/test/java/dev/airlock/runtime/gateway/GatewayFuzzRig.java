package dev.airlock.runtime.gateway;

import static org.awaitility.Awaitility.await;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.server.ServerState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's HTTP front on a real Jetty on 127.0.0.1, with scripted servers behind it, for the
 * fuzz tests; and the checks every fuzzed exchange must pass: a well-formed HTTP answer before a
 * generous deadline, and afterwards no session and no request left behind.
 */
final class GatewayFuzzRig implements AutoCloseable {

    /** Generous: the gateway answers in milliseconds; only a hang takes this long. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final Pattern SESSION_HEADER =
            Pattern.compile("(?im)^Mcp-Session-Id:[ \\t]*([^\\r\\n]*?)[ \\t]*\\r?$");

    final String token;
    final String otherToken;
    final ScriptedServer weather;
    final ScriptedServer notes;
    private final Path dir;
    private final Gateway gateway;

    GatewayFuzzRig() throws Exception {
        dir = Files.createTempDirectory("airlock-fuzz");
        var tokens = new ClientTokens(dir.resolve("client-tokens.json"));
        token = tokens.issue("fuzz-app");
        otherToken = tokens.issue("other-app");
        weather = new ScriptedServer("weather").started();
        notes = new ScriptedServer("notes").started();
        var routes = new FixedRoutes()
                .put("weather", new ServerState.Running(weather.connection()))
                .put("notes", new ServerState.Running(notes.connection()))
                .put("off", new ServerState.Off())
                .put("broken", new ServerState.Failed("it stopped unexpectedly (exit code 1)."));
        gateway = new Gateway(
                new GatewaySettings(0, 64 * 1024, 256, Duration.ofSeconds(5), DEADLINE.minusSeconds(10)),
                routes,
                tokens,
                new ActivityLog());
        gateway.start();
    }

    /**
     * Lets the rig connect to the gateway, and nowhere else, for one fuzz input: Jazzer's SSRF
     * detector reports every other connection as a finding. Close it when the input is done.
     */
    static SilentCloseable loopbackOnly() {
        return BugDetectors.allowNetworkConnections(
                (host, port) -> "127.0.0.1".equals(host) || "localhost".equals(host));
    }

    int port() {
        return gateway.port();
    }

    /** An HTTP answer as it came over the wire. */
    record Reply(int status, Map<String, String> headers, String body, String raw) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends one request on a connection of its own and reads the answer to its end. A GET stream
     * (an answer of {@code text/event-stream} that does not end by itself) is read up to its opening
     * comment, then the connection is closed. Fails the run when no answer comes before the deadline.
     */
    Reply exchange(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        var head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout((int) DEADLINE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the gateway may answer (413) and close before reading all of a large body
                }
            }
            out.flush();
            return read(socket.getInputStream(), "GET".equals(method));
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "No answer within %s to %s %s: the gateway hangs".formatted(DEADLINE, method, path));
        }
    }

    private static Reply read(InputStream in, boolean streamMayStayOpen) throws IOException {
        var all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                break; // a reset after the answer was sent leaves the answer readable
            }
            if (n < 0) {
                break;
            }
            all.write(buffer, 0, n);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            if (streamMayStayOpen && text.contains("text/event-stream") && text.contains(": stream open\n\n")) {
                break;
            }
        }
        return parse(all.toString(StandardCharsets.ISO_8859_1));
    }

    /** Parses one HTTP/1.1 answer; fails the run when it is not one. */
    static Reply parse(String raw) {
        int split = raw.indexOf("\r\n\r\n");
        if (split < 0 || !raw.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("Not a well-formed HTTP answer (%d bytes): %s … %s"
                    .formatted(raw.length(), abbreviate(raw), raw.substring(Math.max(0, raw.length() - 300))));
        }
        String[] lines = raw.substring(0, split).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[1].matches("[1-5][0-9][0-9]")) {
            throw new AssertionError("Not a well-formed HTTP status line: " + abbreviate(lines[0]));
        }
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new AssertionError("Not a well-formed HTTP header line: " + abbreviate(lines[i]));
            }
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String body = raw.substring(split + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Reply(Integer.parseInt(statusLine[1]), headers, body, raw);
    }

    /** The session ids a stretch of raw HTTP answers handed out. */
    static List<String> sessionIds(String raw) {
        Matcher matcher = SESSION_HEADER.matcher(raw);
        var ids = new java.util.ArrayList<String>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Opens a session the regular way; its id. */
    String initialize(String path) throws IOException {
        Reply reply = exchange(
                "POST",
                path,
                headers(token),
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}"
                        .getBytes(StandardCharsets.UTF_8));
        if (reply.status() != 200) {
            throw new AssertionError("The rig could not open a session: " + reply.raw());
        }
        return reply.header("Mcp-Session-Id");
    }

    /** Ends a session with DELETE, trying each token and each spelling of the address it may have. */
    void end(String session, Collection<String> paths) throws IOException {
        for (String bearer : List.of(token, otherToken)) {
            for (String path : paths) {
                Map<String, String> headers = headers(bearer);
                headers.put("Mcp-Session-Id", session);
                exchange("DELETE", path, headers, null);
            }
        }
    }

    Map<String, String> headers(String bearer) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", "127.0.0.1:" + port());
        headers.put("Authorization", "Bearer " + bearer);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        return headers;
    }

    /**
     * After an iteration's sessions were ended: no session is left open and no request waits at a
     * server. Fails the run otherwise.
     */
    void assertNothingLeftBehind() {
        try {
            settled().until(() -> gateway.sessionCount() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Sessions were left open: %d".formatted(gateway.sessionCount()));
        }
        try {
            settled()
                    .until(() -> weather.connection().inFlightCount() == 0
                            && notes.connection().inFlightCount() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Requests were left waiting at a server: %d and %d"
                    .formatted(
                            weather.connection().inFlightCount(),
                            notes.connection().inFlightCount()));
        }
    }

    /** Waits for a condition that is usually true at once: checked straight away, then often. */
    private static org.awaitility.core.ConditionFactory settled() {
        return await().atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    void releaseHeldCalls() {
        weather.releaseAll();
        notes.releaseAll();
    }

    @Override
    public void close() throws IOException {
        gateway.close();
        Files.deleteIfExists(dir.resolve("client-tokens.json"));
        Files.deleteIfExists(dir);
    }

    private static String dechunk(String chunked) {
        var out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
