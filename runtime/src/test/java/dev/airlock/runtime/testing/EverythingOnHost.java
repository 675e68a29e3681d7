package dev.airlock.runtime.testing;

import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.RemoteEndpoint;
import dev.airlock.runtime.catalog.ServerPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference "everything" server run on this machine with the host's node, in one of its HTTP
 * modes, listening on 127.0.0.1 only (dev/testservers/loopback.cjs): a real remote MCP server.
 */
public final class EverythingOnHost implements AutoCloseable {

    public enum Mode {
        STREAMABLE_HTTP("streamableHttp", "/mcp", RemoteEndpoint.Transport.STREAMABLE_HTTP),
        SSE("sse", "/sse", RemoteEndpoint.Transport.SSE);

        final String argument;
        final String path;
        final RemoteEndpoint.Transport transport;

        Mode(String argument, String path, RemoteEndpoint.Transport transport) {
            this.argument = argument;
            this.path = path;
            this.transport = transport;
        }
    }

    private static List<String> installed;

    private final Mode mode;
    private final int port;
    private final Process process;

    private EverythingOnHost(Mode mode, int port, Process process) {
        this.mode = mode;
        this.port = port;
        this.process = process;
    }

    public static EverythingOnHost start(Mode mode) throws Exception {
        List<String> nodeAndEntry = install();
        int port = freePort();
        Path root = TestImages.repositoryRoot();
        var builder = new ProcessBuilder(
                        nodeAndEntry.get(0),
                        "--require",
                        root.resolve("dev/testservers/loopback.cjs").toString(),
                        nodeAndEntry.get(1),
                        mode.argument)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        var server = new EverythingOnHost(mode, port, process);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("server-everything exited with " + process.exitValue());
            }
            return accepts(port);
        });
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + port + mode.path;
    }

    public int port() {
        return port;
    }

    public CatalogEntry entry(String shortName, ServerPolicy policy) {
        return new CatalogEntry(
                "io.example/" + shortName,
                shortName,
                "Everything",
                "The reference server, remote",
                "1.0.0",
                Optional.empty(),
                List.of(new RemoteEndpoint(mode.transport, url())),
                policy,
                Optional.empty(),
                Availability.available());
    }

    /** Kills the server at once, as a crash or a pulled network cable would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static synchronized List<String> install() throws Exception {
        if (installed == null) {
            Path script = TestImages.repositoryRoot().resolve("dev/testservers/install.sh");
            Process process = new ProcessBuilder("bash", script.toString()).start();
            String output = new String(process.getInputStream().readAllBytes());
            String errors = new String(process.getErrorStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("Installing the test servers failed:\n" + errors);
            }
            installed = output.strip().lines().toList();
        }
        return installed;
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
