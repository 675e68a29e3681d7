package dev.airlock.runtime.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An engine without containers, for testing what talks to one. It knows four servers:
 * {@code everything} and {@code memory} start, {@code weather} is unavailable, {@code broken}
 * fails to start. Enabling {@code explode} throws an unexpected exception whose message holds a
 * secret; enabling {@code slow} blocks until {@link #releaseSlowEnable()}.
 *
 * <p>It starts with no company, so sign-in fails with {@code no_company} unless a company address
 * is given (it becomes the company, as on a real first run) or {@link #company(CompanyView)} set
 * one. Sign-in sends the scripted notices, then signs in as {@link #ADA} unless scripted otherwise
 * ({@link #signInAs}, {@link #signInFails}); {@link #holdSignIn()} makes it wait after its
 * notices until {@link #releaseSignIn()}.
 *
 * <p>{@link #withGitHub()} adds {@code github}, which requires a {@code GITHUB_TOKEN} and may use a
 * {@code GITHUB_WEBHOOK_SECRET}: turned on without its token it waits in {@code needs-secret}, and
 * storing the token starts it; removing it puts it back. Values are kept as given, for {@link
 * #storedSecret}; names and values are checked as the engine checks them, in short.
 * <p>Its activity is what the test scripted with {@link #recordActivity}, newest last; {@code activity}
 * answers like the real engine: newest first, filtered by server, with a limit of 1 to 10,000.
 */
public final class InMemoryEngineControl implements EngineControl {

    public static final String VERSION = "9.8.7-test";
    public static final String GATEWAY = "http://127.0.0.1:47299";
    public static final String LEAKED_SECRET = "ghp_notReallyASecretButLooksLikeOne1234";
    public static final UserView ADA =
            new UserView("Ada Lovelace", "ada@acme.example", List.of("admin", "engineering"));

    private final Map<String, ServerView> servers = new LinkedHashMap<>();
    private final Map<String, String> secretValues = new LinkedHashMap<>(); // "server/NAME" -> value
    private final AtomicInteger tokens = new AtomicInteger();
    private final CountDownLatch slowEnableEntered = new CountDownLatch(1);
    private final CountDownLatch slowEnableReleased = new CountDownLatch(1);
    private final List<String> signInAddresses = new ArrayList<>();
    private final List<ActivityView> activity = new ArrayList<>();
    private final CountDownLatch signInWaiting = new CountDownLatch(1);
    private final CountDownLatch signInReleased = new CountDownLatch(1);

    private CompanyView company;
    private UserView user;
    private List<SignInNotice> signInNotices = List.of();
    private UserView signInUser = ADA;
    private ControlException signInFailure;
    private boolean holdNextSignIn;

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
        return new ServerView(name, shortName, title, description, "1.0.0", state, detail, null, null, null, null);
    }

    @Override
    public synchronized EngineStatus status() {
        return new EngineStatus(
                VERSION, "/state", GATEWAY + "/mcp", "Docker 27.5.1 (test)", company, user, servers(), List.of());
    }

    /** Sets up a company, as the engine has when its settings name one; null for none. */
    public synchronized InMemoryEngineControl company(CompanyView company) {
        this.company = company;
        return this;
    }

    /** The notices the next sign-ins send, in order, before they finish. */
    public synchronized InMemoryEngineControl signInNotices(SignInNotice... notices) {
        signInNotices = List.of(notices);
        return this;
    }

    public synchronized InMemoryEngineControl signInAs(UserView user) {
        signInUser = user;
        signInFailure = null;
        return this;
    }

    /** Sign-in fails with this after sending its notices, as when the person cancels or is too slow. */
    public synchronized InMemoryEngineControl signInFails(ControlException failure) {
        signInFailure = failure;
        return this;
    }

    /** The next sign-in waits, after its notices, until {@link #releaseSignIn()}. */
    public synchronized InMemoryEngineControl holdSignIn() {
        holdNextSignIn = true;
        return this;
    }

    /** Waits until a held sign-in has sent its notices. */
    public boolean awaitSignInWaiting() throws InterruptedException {
        return signInWaiting.await(10, TimeUnit.SECONDS);
    }

    public void releaseSignIn() {
        signInReleased.countDown();
    }

    /** The company address each sign-in was given, null where none was. */
    public synchronized List<String> signInAddresses() {
        return Collections.unmodifiableList(new ArrayList<>(signInAddresses));
    }

    @Override
    public UserView signIn(String companyAddress, Consumer<SignInNotice> notices) throws ControlException {
        List<SignInNotice> toSend;
        boolean hold;
        synchronized (this) {
            signInAddresses.add(companyAddress);
            if (companyAddress != null) {
                company = new CompanyView(companyAddress, "https://" + companyAddress + "/", null, null, null);
            }
            if (company == null) {
                throw new ControlException("no_company", "No company is set up yet.");
            }
            toSend = signInNotices;
            hold = holdNextSignIn;
            holdNextSignIn = false;
        }
        // outside the lock, as a real engine waits for the browser: status stays answerable meanwhile
        toSend.forEach(notices);
        if (hold) {
            signInWaiting.countDown();
            await(signInReleased);
        }
        synchronized (this) {
            if (signInFailure != null) {
                throw signInFailure;
            }
            user = signInUser;
            return user;
        }
    }

    /** Adds calls to the engine's activity, each newer than those before it. */
    public synchronized InMemoryEngineControl recordActivity(ActivityView... calls) {
        activity.addAll(List.of(calls));
        return this;
    }

    /** A call as the gateway records it, with short request and response texts. */
    public static ActivityView call(
            long id, String at, String app, String server, String method, String target, String outcome, long ms) {
        return new ActivityView(
                id,
                at,
                "claude-desktop",
                app,
                server,
                method,
                target,
                outcome,
                ms,
                target == null ? null : "{\"name\":\"" + target + "\"}",
                "{\"content\":[]}",
                List.of());
    }

    @Override
    public synchronized List<ActivityView> activity(int limit, String server) throws ControlException {
        if (limit < 1 || limit > 10_000) {
            throw new ControlException("bad_request", "Ask for between 1 and 10000 calls, not " + limit + ".");
        }
        String shortName = server == null ? null : find(server).shortName();
        var newestFirst = new ArrayList<ActivityView>();
        for (ActivityView call : activity.reversed()) {
            if (newestFirst.size() == limit) {
                break;
            }
            if (shortName == null || shortName.equals(call.server())) {
                newestFirst.add(call);
            }
        }
        return newestFirst;
    }

    /** Adds the {@code github} server, which needs secrets; see the class comment. */
    public synchronized InMemoryEngineControl withGitHub() {
        add(new ServerView(
                "io.github.github/github-mcp-server",
                "github",
                "GitHub",
                "Issues and pull requests",
                "1.0.0",
                "off",
                null,
                null,
                null,
                List.of(
                        new SecretNeed("GITHUB_TOKEN", "Your GitHub personal access token", true, false),
                        new SecretNeed("GITHUB_WEBHOOK_SECRET", "The secret of your webhooks", false, false)),
                null));
        return this;
    }

    /** The value stored for a server's secret, by short name. */
    public synchronized Optional<String> storedSecret(String server, String name) {
        return Optional.ofNullable(secretValues.get(server + "/" + name));
    }

    @Override
    public synchronized ServerView setSecret(String server, String name, String value) throws ControlException {
        ServerView current = find(server);
        SecretNeed need = secretNeed(current, name);
        if (value.isEmpty()) {
            throw new ControlException("bad_request", "The secret's value is empty, so nothing was stored.");
        }
        secretValues.put(current.shortName() + "/" + need.name(), value);
        ServerView next = withSecrets(current);
        if (next.state().equals("needs-secret") && missing(next).isEmpty()) {
            next = withState(next, "running", null);
        }
        servers.put(next.shortName(), next);
        return next;
    }

    @Override
    public synchronized ServerView removeSecret(String server, String name) throws ControlException {
        ServerView current = find(server);
        SecretNeed need = secretNeed(current, name);
        secretValues.remove(current.shortName() + "/" + need.name());
        ServerView next = withSecrets(current);
        boolean on = next.state().equals("running") || next.state().equals("needs-secret");
        if (on && need.required()) {
            next = withState(next, "needs-secret", waitingFor(missing(next)));
        }
        servers.put(next.shortName(), next);
        return next;
    }

    private static SecretNeed secretNeed(ServerView server, String name) throws ControlException {
        return server.secrets().stream()
                .filter(need -> need.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ControlException(
                        "bad_request", "%s has no secret named %s.".formatted(server.title(), name)));
    }

    private ServerView withSecrets(ServerView view) {
        List<SecretNeed> needs = view.secrets().stream()
                .map(need -> new SecretNeed(
                        need.name(),
                        need.description(),
                        need.required(),
                        secretValues.containsKey(view.shortName() + "/" + need.name())))
                .toList();
        return new ServerView(
                view.name(),
                view.shortName(),
                view.title(),
                view.description(),
                view.version(),
                view.state(),
                view.detail(),
                view.url(),
                view.permissions(),
                needs,
                view.tools());
    }

    private static List<SecretNeed> missing(ServerView view) {
        return view.secrets().stream()
                .filter(need -> need.required() && !need.stored())
                .toList();
    }

    private static String waitingFor(List<SecretNeed> missing) {
        return "Waiting for your "
                + String.join(
                        " and ",
                        missing.stream()
                                .map(need -> need.name() + " (" + need.description() + ")")
                                .toList())
                + ".";
    }

    @Override
    public synchronized void signOut() throws ControlException {
        if (company == null) {
            throw new ControlException("no_company", "No company is set up, so no one is signed in.");
        }
        user = null;
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
            await(slowEnableReleased);
            return view("io.github.example/slow", "slow", "Slow", "Takes its time", "running", null);
        }
        synchronized (this) {
            ServerView current = find(server);
            List<SecretNeed> missing = missing(current);
            ServerView next = switch (current.shortName()) {
                case "weather" -> throw new ControlException("unavailable", current.detail());
                case "broken" -> withState(current, "failed", "The container exited at start-up (exit code 1).");
                default ->
                    missing.isEmpty()
                            ? withState(current, "running", null)
                            : withState(current, "needs-secret", waitingFor(missing));
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
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
                view.name(),
                view.shortName(),
                view.title(),
                view.description(),
                view.version(),
                state,
                detail,
                url,
                view.permissions(),
                view.secrets(),
                state.equals("running") ? view.tools() : null);
    }

    /**
     * Scripts what the tool guard made of a running server's tools, as the real engine reports it
     * after reviewing them; {@link #approveTool} then trusts the approvable ones.
     */
    public synchronized void toolReview(String server, ToolReviewView review) throws ControlException {
        ServerView current = find(server);
        servers.put(
                current.shortName(),
                new ServerView(
                        current.name(),
                        current.shortName(),
                        current.title(),
                        current.description(),
                        current.version(),
                        current.state(),
                        current.detail(),
                        current.url(),
                        current.permissions(),
                        current.secrets(),
                        review));
    }

    @Override
    public synchronized ServerView approveTool(String server, String tool) throws ControlException {
        ServerView current = find(server);
        ToolReviewView review = current.tools();
        if (!"running".equals(current.state())
                || review.awaitingApproval().stream().noneMatch(h -> h.tool().equals(tool))) {
            throw new ControlException(
                    "not_found", current.title() + " has no tool named '" + tool + "' waiting for your approval.");
        }
        toolReview(
                server,
                new ToolReviewView(
                        true,
                        java.util.stream.Stream.concat(review.visible().stream(), java.util.stream.Stream.of(tool))
                                .toList(),
                        review.hidden().stream()
                                .filter(h -> !h.tool().equals(tool))
                                .toList(),
                        review.warnings(),
                        review.problem()));
        return find(server);
    }
}
