package dev.airlock.runtime.control;

import dev.airlock.runtime.control.ControlProtocol.LineReader;
import dev.airlock.runtime.control.ControlProtocol.LineTooLongException;
import dev.airlock.runtime.control.ControlRequest.Activity;
import dev.airlock.runtime.control.ControlRequest.ApproveTool;
import dev.airlock.runtime.control.ControlRequest.Disable;
import dev.airlock.runtime.control.ControlRequest.Enable;
import dev.airlock.runtime.control.ControlRequest.Focus;
import dev.airlock.runtime.control.ControlRequest.IssueClientToken;
import dev.airlock.runtime.control.ControlRequest.Ping;
import dev.airlock.runtime.control.ControlRequest.RemoveSecret;
import dev.airlock.runtime.control.ControlRequest.Servers;
import dev.airlock.runtime.control.ControlRequest.SetSecret;
import dev.airlock.runtime.control.ControlRequest.SignIn;
import dev.airlock.runtime.control.ControlRequest.SignOut;
import dev.airlock.runtime.control.ControlRequest.Status;
import dev.airlock.runtime.control.ControlResponse.Failure;
import dev.airlock.runtime.control.ControlResponse.Success;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.state.StateDirectory;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Serves {@link EngineControl} on the instance's control socket, for the command line and for a
 * second desktop app that wants to find the first. Only the owner can reach the socket: it lives
 * in the owner-only state directory and is itself owner-only.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(200);

    private final Path socket;
    private final EngineControl engine;
    private final String version;
    private final Runnable onFocus;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final ThreadFactory connectionThreads =
            Thread.ofVirtual().name("airlock-control-", 1).factory();

    private ServerSocketChannel listener;
    private Thread acceptor;
    private volatile boolean closed;

    /**
     * A control server for an instance without a window ({@code airlock daemon}): {@code focus} is
     * answered with {@code no_window}.
     *
     * @param version the engine version that {@code ping} answers
     */
    public ControlServer(StateDirectory stateDirectory, EngineControl engine, String version) {
        this(stateDirectory, engine, version, null);
    }

    /**
     * @param version the engine version that {@code ping} answers
     * @param onFocus brings the window to the front when a second desktop app asks ({@code focus});
     *     runs on a connection's thread, so it must hand the work to the UI thread and return (for
     *     JavaFX, {@code () -> Platform.runLater(...)}); null for an instance without a window
     */
    public ControlServer(StateDirectory stateDirectory, EngineControl engine, String version, Runnable onFocus) {
        this.socket = stateDirectory.controlSocket();
        this.engine = engine;
        this.version = version;
        this.onFocus = onFocus;
    }

    public Path socket() {
        return socket;
    }

    /**
     * Binds the socket and starts accepting. The caller must hold the instance lock: a socket file
     * found here is then the leftover of an instance that crashed, and is replaced.
     */
    public synchronized void start() throws IOException {
        if (closed || listener != null) {
            throw new IllegalStateException("A control server starts only once");
        }
        ControlProtocol.requireUsableSocketPath(socket);
        Files.deleteIfExists(socket);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket));
            restrictToOwner(socket);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(socket);
            throw e;
        }
        listener = channel;
        acceptor = Thread.ofVirtual().name("airlock-control-accept").start(() -> acceptUntilClosed(channel));
        LOG.info("Control socket listening at {}", socket);
    }

    /** Stops accepting, drops open connections and removes the socket file. */
    @Override
    public void close() {
        ServerSocketChannel channel;
        Thread accepting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            channel = listener;
            accepting = acceptor;
        }
        if (channel == null) {
            return; // never started: the socket file, if any, is not ours to delete
        }
        closeQuietly(channel);
        connections.forEach(ControlServer::closeQuietly);
        try {
            accepting.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Could not remove the control socket {}", socket, e);
        }
        LOG.info("Control socket closed");
    }

    private void acceptUntilClosed(ServerSocketChannel channel) {
        while (!closed) {
            SocketChannel connection;
            try {
                connection = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // e.g. out of file descriptors: transient, so keep serving, but without spinning
                LOG.warn("Control socket could not accept a connection", e);
                if (!pause()) {
                    return;
                }
                continue;
            }
            connections.add(connection);
            if (closed) { // close() may have run its sweep before this connection was registered
                closeQuietly(connection);
                return;
            }
            connectionThreads.newThread(() -> serve(connection)).start();
        }
    }

    private void serve(SocketChannel connection) {
        try (connection;
                OutputStream out = Channels.newOutputStream(connection)) {
            ConnectionWriter writer = new ConnectionWriter(out);
            LineReader lines = new LineReader(
                    new BufferedInputStream(Channels.newInputStream(connection)), ControlProtocol.MAX_REQUEST_BYTES);
            while (true) {
                byte[] line;
                try {
                    line = lines.readLine();
                } catch (LineTooLongException e) {
                    writer.exchange()
                            .answer(new Failure(
                                    ControlProtocol.REQUEST_TOO_LARGE,
                                    "A request may be at most " + ControlProtocol.MAX_REQUEST_BYTES
                                            + " bytes long; closing the connection."));
                    return;
                }
                if (line == null) {
                    return;
                }
                ConnectionWriter.Exchange exchange = writer.exchange();
                exchange.answer(answer(line, exchange));
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("Control connection ended: {}", e.toString());
            }
        } finally {
            connections.remove(connection);
        }
    }

    private ControlResponse answer(byte[] line, Consumer<SignInNotice> notices) {
        ControlRequest request;
        try {
            request = ControlRequest.fromJson(Json.mapper().readTree(line));
        } catch (JacksonException e) {
            return new Failure(ControlProtocol.BAD_REQUEST, "The request is not valid JSON.");
        } catch (ControlException e) {
            return Failure.of(e);
        }
        try {
            return new Success(Json.mapper().valueToTree(execute(request, notices)));
        } catch (ControlException e) {
            return Failure.of(e);
        } catch (RuntimeException e) {
            // the exception may quote tokens or paths: it goes to the log only, never to the peer
            LOG.error("Control command '{}' failed", request.command(), e);
            return new Failure(
                    ControlProtocol.INTERNAL,
                    "Airlock could not complete this request because of an internal error. Its log has the details.");
        }
    }

    private Object execute(ControlRequest request, Consumer<SignInNotice> notices) throws ControlException {
        return switch (request) {
            case Ping() -> new EngineVersion(version);
            case Status() -> engine.status();
            case Servers() -> engine.servers();
            case Enable(String server) -> engine.enable(server);
            case Disable(String server) -> engine.disable(server);
            case ApproveTool(String server, String tool) -> engine.approveTool(server, tool);
            case IssueClientToken(String client) -> engine.issueClientToken(client);
            case SignIn(String company) -> engine.signIn(company, notices);
            case SignOut() -> {
                engine.signOut();
                yield Map.of(); // nothing to report, but an object leaves room to add to it
            }
            case Focus() -> {
                if (onFocus == null) {
                    throw new ControlException(
                            ControlProtocol.NO_WINDOW,
                            "This Airlock runs without a window (airlock daemon), so there is none to bring to the"
                                    + " front.");
                }
                onFocus.run();
                yield Map.of();
            }
            case SetSecret(String server, String name, String value) -> engine.setSecret(server, name, value);
            case RemoveSecret(String server, String name) -> engine.removeSecret(server, name);
            case Activity(int limit, String server, Long after) ->
                ActivityAnswer.of(engine.activity(limit, server), after, ActivityAnswer.BUDGET_BYTES);
        };
    }

    private static void restrictToOwner(Path socket) throws IOException {
        // The directory is owner-only already; this also covers a state dir someone loosened.
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(ACCEPT_RETRY);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("Closing {} failed: {}", closeable, e.toString());
        }
    }
}
