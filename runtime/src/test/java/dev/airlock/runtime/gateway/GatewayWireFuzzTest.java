package dev.airlock.runtime.gateway;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the gateway's HTTP front with raw bytes over a socket: whatever the fuzzer writes (one
 * request, several pipelined, a cut-off one, garbage) reaches Jetty and the gateway as it is. So
 * that the fuzzer reaches past the token check, {@code ${TOKEN}}, {@code ${PORT}}, {@code
 * ${SESSION}} (a session at {@code /mcp/weather}) and {@code ${ALL_SESSION}} (one at {@code /mcp})
 * are replaced by real values; the seed corpus (GatewayWireFuzzTestInputs) uses them.
 *
 * <p>What comes back must be well-formed HTTP answers, none of them a 500, and the connection must
 * end before a generous deadline once the bytes are sent and the run's sessions ended (no hang).
 * Afterwards no session is left and no request waits at a server.
 */
class GatewayWireFuzzTest {

    /** How long a quiet connection waits before the run ends its sessions (which ends their streams). */
    private static final int QUIET_MILLIS = 300;

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 ([0-9]{3}) ");

    private static GatewayFuzzRig rig;

    @AfterAll
    static void stopGateway() throws IOException {
        if (rig != null) {
            rig.close();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void bytes(byte[] input) throws Exception {
        try (var connections = GatewayFuzzRig.loopbackOnly()) {
            if (rig == null) {
                // started here, not before all tests: Jazzer's agent comes with the first input
                rig = new GatewayFuzzRig();
            }
            run(input);
        }
    }

    private void run(byte[] input) throws Exception {
        Set<String> sessions = new LinkedHashSet<>();
        String session = rig.initialize("/mcp/weather");
        String allSession = rig.initialize("/mcp");
        sessions.add(session);
        sessions.add(allSession);
        byte[] request = substitute(input, session, allSession);
        String answers;
        try (Socket socket = new Socket("127.0.0.1", rig.port())) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            answers = readAll(socket, sessions);
        } finally {
            rig.releaseHeldCalls();
            for (String id : sessions) {
                rig.end(id, List.of("/mcp/weather", "/mcp", "/mcp/notes", "/mcp/WEATHER"));
            }
        }
        check(answers);
        rig.assertNothingLeftBehind();
    }

    /**
     * Reads until the gateway closes the connection. When the connection goes quiet (an open GET
     * stream, a held call), the run's sessions are ended and held calls released, which must end it.
     */
    private static String readAll(Socket socket, Set<String> sessions) throws IOException {
        var all = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        long deadline = System.nanoTime() + GatewayFuzzRig.DEADLINE.toNanos();
        boolean ended = false;
        socket.setSoTimeout(QUIET_MILLIS);
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException quiet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "The connection was still open %s after the request was sent: the gateway hangs. It answered:%n%s"
                                    .formatted(
                                            GatewayFuzzRig.DEADLINE,
                                            GatewayFuzzRig.abbreviate(all.toString(StandardCharsets.ISO_8859_1))));
                }
                if (!ended) {
                    sessions.addAll(GatewayFuzzRig.sessionIds(all.toString(StandardCharsets.ISO_8859_1)));
                    rig.releaseHeldCalls();
                    for (String id : sessions) {
                        rig.end(id, List.of("/mcp/weather", "/mcp", "/mcp/notes", "/mcp/WEATHER"));
                    }
                    ended = true;
                }
                continue;
            } catch (IOException reset) {
                break;
            }
            if (n < 0) {
                break;
            }
            all.write(buffer, 0, n);
        }
        String answers = all.toString(StandardCharsets.ISO_8859_1);
        sessions.addAll(GatewayFuzzRig.sessionIds(answers));
        return answers;
    }

    /** Every answer on the connection starts with a status line, and none is a 500. */
    private static void check(String answers) {
        if (answers.isEmpty()) {
            return; // Jetty may close a connection that sent nothing it could read
        }
        if (!answers.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("Not an HTTP answer: " + GatewayFuzzRig.abbreviate(answers));
        }
        Matcher status = STATUS_LINE.matcher(answers);
        List<Integer> statuses = new ArrayList<>();
        while (status.find()) {
            if (status.start() == 0 || answers.startsWith("\n", status.start() - 1)) {
                statuses.add(Integer.parseInt(status.group(1)));
            }
        }
        if (statuses.isEmpty()) {
            throw new AssertionError("No status line in: " + GatewayFuzzRig.abbreviate(answers));
        }
        if (statuses.contains(500)) {
            throw new AssertionError("A 500 answer: " + GatewayFuzzRig.abbreviate(answers));
        }
        GatewayFuzzRig.parse(answers); // the first answer at least is whole
    }

    private static byte[] substitute(byte[] input, String session, String allSession) {
        String text = new String(input, StandardCharsets.ISO_8859_1)
                .replace("${TOKEN}", rig.token)
                .replace("${PORT}", Integer.toString(rig.port()))
                .replace("${SESSION}", session)
                .replace("${ALL_SESSION}", allSession);
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
