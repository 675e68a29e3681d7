package dev.airlock.runtime.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An engine without containers, for testing what talks to one. It knows four servers:
 * {@code everything} and {@code memory} start, {@code weather} is unavailable, {@code broken}
 * fails to start. Enabling {@code explode} throws an unexpected exception whose message holds a
 * secret; enabling {@code slow} blocks until {@link #releaseSlowEnable()}.
 */
public final class InMemoryEngineControl implements EngineControl {

    public static final String VERSION = "9.8.7-test";
    public static final String GATEWAY = "http://127.0.0.1:47299";
    public static final String LEAKED_SECRET = "ghp_notReallyASecretButLooksLikeOne1234";

    private final Map<String, ServerView> servers = new LinkedHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final CountDownLatch slowEnableEntered = new CountDownLatch(1);
    private final CountDownLatch slowEnableReleased = new CountDownLatch(1);

    public InMemoryEngineControl() {
        add(view(
                "io.github.example/everything",
                "everything",
                "Everything",
                "Exercises every MCP feature",
                "off",
                null));
        add(view("io.github.example/memory", "memory", null, "A knowledge graph that remembers", "off", null));
        add(view(
                "io.github.example/weather",
                "weather",
                "Weather",
                "Forecasts",
                "unavailable",
                "Your company requires a pinned image digest, and this entry has none."));
        add(view("io.github.example/broken", "broken", "Broken", "Never starts", "off", null));
    }

    private void add(ServerView view) {
        servers.put(view.shortName(), view);
    }

    private static ServerView view(
            String name, String shortName, String title, String description, String state, String detail) {
        return new ServerView(name, shortName, title, description, "1.0.0", state, detail, null);
    }

    @Override
    public synchronized EngineStatus status() {
        return new EngineStatus(VERSION, "/state", GATEWAY + "/mcp", "Docker 27.5.1 (test)", null, null, servers());
    }

    @Override
    public UserView signIn(String companyAddress, java.util.function.Consumer<SignInNotice> notices)
            throws ControlException {
        throw new ControlException("no_company", "No company is set up yet.");
    }

    @Override
    public void signOut() throws ControlException {
        throw new ControlException("no_company", "No company is set up, so no one is signed in.");
    }

    @Override
    public synchronized List<ServerView> servers() {
        return new ArrayList<>(servers.values());
    }

    @Override
    public ServerView enable(String server) throws ControlException {
        if (server.equals("explode")) {
            throw new IllegalStateException("token " + LEAKED_SECRET + " rejected");
        }
        if (server.equals("slow")) {
            slowEnableEntered.countDown();
            awaitRelease();
            return view("io.github.example/slow", "slow", "Slow", "Takes its time", "running", null);
        }
        synchronized (this) {
            ServerView current = find(server);
            ServerView next = switch (current.shortName()) {
                case "weather" -> throw new ControlException("unavailable", current.detail());
                case "broken" -> withState(current, "failed", "The container exited at start-up (exit code 1).");
                default -> withState(current, "running", null);
            };
            servers.put(next.shortName(), next);
            return next;
        }
    }

    @Override
    public synchronized ServerView disable(String server) throws ControlException {
        ServerView next = withState(find(server), "off", null);
        servers.put(next.shortName(), next);
        return next;
    }

    @Override
    public ClientConnection issueClientToken(String clientName) throws ControlException {
        if (!clientName.matches("[a-z0-9-]+")) {
            throw new ControlException(
                    "bad_client_name", "A client name uses only lower-case letters, digits and dashes.");
        }
        return new ClientConnection(
                clientName,
                GATEWAY + "/mcp",
                Map.of("Authorization", "Bearer tok-" + clientName + "-" + tokens.incrementAndGet()),
                Map.of("everything", GATEWAY + "/mcp/everything"));
    }

    /** Waits until a {@code slow} enable is in progress. */
    public boolean awaitSlowEnable() throws InterruptedException {
        return slowEnableEntered.await(10, TimeUnit.SECONDS);
    }

    public void releaseSlowEnable() {
        slowEnableReleased.countDown();
    }

    private void awaitRelease() {
        try {
            slowEnableReleased.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServerView find(String server) throws ControlException {
        ServerView view = servers.get(server);
        if (view == null) {
            view = servers.values().stream()
                    .filter(v -> v.name().equals(server))
                    .findFirst()
                    .orElseThrow(() ->
                            new ControlException("unknown_server", "Server '" + server + "' is not in your catalog."));
        }
        return view;
    }

    private static ServerView withState(ServerView view, String state, String detail) {
        String url = state.equals("running") ? GATEWAY + "/mcp/" + view.shortName() : null;
        return new ServerView(
                view.name(), view.shortName(), view.title(), view.description(), view.version(), state, detail, url);
    }
}
