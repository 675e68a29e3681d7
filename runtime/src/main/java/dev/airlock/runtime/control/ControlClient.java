package dev.airlock.runtime.control;

import dev.airlock.runtime.control.ControlProtocol.LineReader;
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
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Talks to a running instance over its control socket: the same operations as {@link
 * EngineControl}, each on its own short connection, so one client may be shared by threads.
 * Every failure, including "nothing is running", arrives as a {@link ControlException}.
 */
public final class ControlClient {

    /**
     * @param connect how long to wait for the instance to take the connection
     * @param reply how long to wait for most answers
     * @param enable how long to wait for {@code enable}, which may pull an image first
     * @param signIn how long to wait for {@code signin}, which waits for a person in the browser
     *     (the engine gives them 5 minutes)
     */
    public record Timeouts(Duration connect, Duration reply, Duration enable, Duration signIn) {
        public static final Timeouts DEFAULT = new Timeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(6));
    }

    private final Path socket;
    private final Timeouts timeouts;

    public ControlClient(StateDirectory stateDirectory) {
        this(stateDirectory.controlSocket(), Timeouts.DEFAULT);
    }

    public ControlClient(Path socket, Timeouts timeouts) {
        this.socket = socket;
        this.timeouts = timeouts;
    }

    /** The version of the running engine; a cheap way to ask whether one runs at all. */
    public String ping() throws ControlException {
        return decode(call(new Ping(), timeouts.reply()), EngineVersion.class).version();
    }

    public EngineStatus status() throws ControlException {
        return decode(call(new Status(), timeouts.reply()), EngineStatus.class);
    }

    public List<ServerView> servers() throws ControlException {
        JsonNode result = call(new Servers(), timeouts.reply());
        try {
            return List.copyOf(Json.mapper().readerForListOf(ServerView.class).<List<ServerView>>readValue(result));
        } catch (JacksonException | NullPointerException e) {
            throw unexpectedAnswer();
        }
    }

    public ServerView enable(String server) throws ControlException {
        return decode(call(new Enable(server), timeouts.enable()), ServerView.class);
    }

    public ServerView disable(String server) throws ControlException {
        return decode(call(new Disable(server), timeouts.reply()), ServerView.class);
    }

    /** Trusts a tool Airlock hid as new, changed or renamed; reviewing the server's tools again may take a moment. */
    public ServerView approveTool(String server, String tool) throws ControlException {
        return decode(call(new ApproveTool(server, tool), timeouts.enable()), ServerView.class);
    }

    public ClientConnection issueClientToken(String clientName) throws ControlException {
        return decode(call(new IssueClientToken(clientName), timeouts.reply()), ClientConnection.class);
    }

    /**
     * Signs in through the browser the engine opens, and returns once the person has signed in.
     *
     * @param companyAddress on first run, the company address; null for the company already set up
     * @param notices hears, on this thread and before the answer, what the person must know meanwhile
     */
    public UserView signIn(String companyAddress, Consumer<SignInNotice> notices) throws ControlException {
        return decode(call(new SignIn(companyAddress), timeouts.signIn(), notices), UserView.class);
    }

    public void signOut() throws ControlException {
        call(new SignOut(), timeouts.reply());
    }

    /**
     * Asks the running desktop app to bring its window to the front: what a second launch does
     * before it exits. Fails with code {@code no_window} when the instance has no window
     * ({@code airlock daemon}).
     */
    public void focus() throws ControlException {
        call(new Focus(), timeouts.reply());
    }

    /**
     * Stores a secret a server needs. A server that is on starts again with it, so this waits as
     * long as {@link #enable} does.
     */
    public ServerView setSecret(String server, String name, String value) throws ControlException {
        return decode(call(new SetSecret(server, name, value), timeouts.enable()), ServerView.class);
    }

    /** Removes a stored secret; a server that is on may stop or restart, so this waits as long as enable. */
    public ServerView removeSecret(String server, String name) throws ControlException {
        return decode(call(new RemoveSecret(server, name), timeouts.enable()), ServerView.class);
    }

    /**
     * The most recent calls through the gateway, newest first. Past a size budget the older ones come
     * without their request and response (see docs/control-socket.md).
     *
     * @param limit 1 to 10,000
     * @param server only this server's calls (short or full name); null for all
     */
    public List<ActivityView> activity(int limit, String server) throws ControlException {
        return activityList(call(new Activity(limit, server, null), timeouts.reply()));
    }

    /**
     * The calls recorded after the one with id {@code afterId}, newest first: of the {@code limit}
     * most recent calls, those newer than it. What {@code airlock activity --follow} polls with.
     */
    public List<ActivityView> activityAfter(long afterId, int limit, String server) throws ControlException {
        return activityList(call(new Activity(limit, server, afterId), timeouts.reply()));
    }

    private static List<ActivityView> activityList(JsonNode result) throws ControlException {
        try {
            List<ActivityView> calls =
                    Json.mapper().readerForListOf(ActivityView.class).readValue(result);
            if (calls == null) {
                throw unexpectedAnswer();
            }
            return List.copyOf(calls);
        } catch (JacksonException | NullPointerException e) {
            throw unexpectedAnswer();
        }
    }

    private JsonNode call(ControlRequest request, Duration replyTimeout) throws ControlException {
        // other commands send no notices; should a later engine send some, they are not this caller's
        return call(request, replyTimeout, notice -> {});
    }

    private JsonNode call(ControlRequest request, Duration replyTimeout, Consumer<SignInNotice> notices)
            throws ControlException {
        // A missing file is the common case of "not running"; checking first also avoids asking
        // the OS to connect to a path that may be too long to be a socket at all.
        if (!Files.exists(socket)) {
            throw notRunning();
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            connect(channel);
            return exchange(channel, request, replyTimeout, notices);
        } catch (IOException e) { // only from opening or closing the channel
            throw new ControlException(
                    ControlProtocol.UNREACHABLE,
                    "Cannot reach Airlock's control socket " + socket + ": " + e.getMessage());
        }
    }

    private void connect(SocketChannel channel) throws ControlException {
        try (Watchdog watchdog = new Watchdog(channel, timeouts.connect())) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                if (watchdog.fired()) {
                    throw timeout(timeouts.connect());
                }
                // refused: a socket file left behind by an instance that is gone
                if (e instanceof ConnectException || !Files.exists(socket)) {
                    throw notRunning();
                }
                throw new ControlException(
                        ControlProtocol.UNREACHABLE,
                        "Cannot reach Airlock's control socket " + socket + ": " + e.getMessage());
            }
        }
    }

    private JsonNode exchange(
            SocketChannel channel, ControlRequest request, Duration replyTimeout, Consumer<SignInNotice> notices)
            throws ControlException {
        try (Watchdog watchdog = new Watchdog(channel, replyTimeout)) {
            try {
                OutputStream out = Channels.newOutputStream(channel);
                out.write(Json.mapper().writeValueAsBytes(request.toJson()));
                out.write('\n');
                LineReader lines = new LineReader(
                        new BufferedInputStream(Channels.newInputStream(channel)), ControlProtocol.MAX_RESPONSE_BYTES);
                while (true) {
                    byte[] line = lines.readLine();
                    if (line == null) {
                        throw watchdog.fired() ? timeout(replyTimeout) : connectionLost();
                    }
                    switch (read(line)) {
                        case Line.Notice(SignInNotice notice) -> notices.accept(notice);
                        case Line.Answer(Success(JsonNode result)) -> {
                            return result;
                        }
                        case Line.Answer(Failure(String code, String message)) ->
                            throw new ControlException(code, message);
                    }
                }
            } catch (IOException e) {
                if (watchdog.fired()) {
                    throw timeout(replyTimeout);
                }
                throw connectionLost();
            }
        }
    }

    /** What one line from the engine says: a notice, or the answer that ends the exchange. */
    private sealed interface Line {
        record Notice(SignInNotice notice) implements Line {}

        record Answer(ControlResponse response) implements Line {}
    }

    private static Line read(byte[] line) throws ControlException {
        JsonNode json;
        try {
            json = Json.mapper().readTree(line);
        } catch (JacksonException e) {
            throw unexpectedAnswer();
        }
        if (json == null) {
            throw unexpectedAnswer();
        }
        if (ControlNotice.isNotice(json)) {
            ControlNotice notice = ControlNotice.fromJson(json);
            if (notice == null) {
                throw unexpectedAnswer();
            }
            return new Line.Notice(notice.notice());
        }
        ControlResponse response = ControlResponse.fromJson(json);
        if (response == null) {
            throw unexpectedAnswer();
        }
        return new Line.Answer(response);
    }

    private static <T> T decode(JsonNode result, Class<T> type) throws ControlException {
        try {
            T value = Json.mapper().treeToValue(result, type);
            if (value == null) {
                throw unexpectedAnswer();
            }
            return value;
        } catch (JacksonException | NullPointerException e) {
            throw unexpectedAnswer();
        }
    }

    private static ControlException notRunning() {
        return new ControlException(
                ControlProtocol.NOT_RUNNING,
                "Airlock is not running. Start it with `airlock` (or `airlock daemon`), then try again.");
    }

    private static ControlException timeout(Duration limit) {
        return new ControlException(
                ControlProtocol.TIMEOUT,
                "Airlock did not answer within " + describe(limit) + ". It may be busy: try again in a moment.");
    }

    private static ControlException connectionLost() {
        return new ControlException(
                ControlProtocol.CONNECTION_LOST,
                "Airlock closed the connection before answering. It may have stopped: check with `airlock status`.");
    }

    private static ControlException unexpectedAnswer() {
        return new ControlException(
                ControlProtocol.PROTOCOL,
                "Airlock sent an answer this command line does not understand. Is the running app the same version?");
    }

    private static String describe(Duration limit) {
        if (limit.toMinutes() >= 1 && limit.toSecondsPart() == 0) {
            return limit.toMinutes() + (limit.toMinutes() == 1 ? " minute" : " minutes");
        }
        if (limit.toSeconds() >= 1) {
            return limit.toSeconds() + (limit.toSeconds() == 1 ? " second" : " seconds");
        }
        return limit.toMillis() + " ms";
    }

    /**
     * Unix socket channels have no read timeout, so a deadline closes the channel instead; the
     * blocked call then fails and {@link #fired()} tells a timeout from a real I/O error.
     */
    private static final class Watchdog implements AutoCloseable {

        private final Thread thread;
        private volatile boolean fired;

        Watchdog(Closeable target, Duration limit) {
            thread = Thread.ofVirtual().name("airlock-control-deadline").start(() -> {
                try {
                    Thread.sleep(limit);
                    fired = true;
                    target.close();
                } catch (InterruptedException | IOException e) {
                    // interrupted: the call finished in time; close failed: nothing more to do
                }
            });
        }

        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
