package dev.airlock.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.control.ControlClient.Timeouts;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.state.StateDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code signin} and {@code signout} over the control socket, notices included. */
@Timeout(60)
class ControlSignInTest {

    private static final CompanyView ACME =
            new CompanyView("acme.example", "https://registry.acme.example/", "fresh", "2026-05-01T10:00:00Z", null);
    private static final SignInNotice BROWSER_OPEN = new SignInNotice(
            "Your browser is open at your company's sign-in page. Sign in there; Airlock waits.", null);
    private static final SignInNotice OPEN_YOURSELF = new SignInNotice(
            "Airlock could not open your browser. Open this address to sign in:",
            "https://login.acme.example/authorize?client_id=airlock&state=abc");

    @TempDir
    Path dir;

    private final InMemoryEngineControl engine = new InMemoryEngineControl();
    private StateDirectory state;
    private ControlServer server;
    private ControlClient client;

    @BeforeEach
    void setUp() {
        state = StateDirectory.at(dir).create();
        client = new ControlClient(state);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private void startServer(EngineControl control) throws IOException {
        server = new ControlServer(state, control, "1.2.3");
        server.start();
    }

    @Test
    void signInHandsOverEveryNoticeInOrderThenReturnsTheUser() throws Exception {
        engine.company(ACME).signInNotices(BROWSER_OPEN, OPEN_YOURSELF);
        startServer(engine);
        List<SignInNotice> heard = new ArrayList<>();

        UserView user = client.signIn(null, heard::add);

        assertThat(user).isEqualTo(InMemoryEngineControl.ADA);
        assertThat(heard).containsExactly(BROWSER_OPEN, OPEN_YOURSELF);
        assertThat(engine.signInAddresses()).containsExactly((String) null);
        assertThat(client.status().user()).isEqualTo(InMemoryEngineControl.ADA);
        assertThat(client.status().company()).isEqualTo(ACME);
    }

    @Test
    void theCompanyAddressReachesTheEngine() throws Exception {
        startServer(engine);

        client.signIn("acme.example", notice -> {});

        assertThat(engine.signInAddresses()).containsExactly("acme.example");
        assertThat(client.status().company().name()).isEqualTo("acme.example");
    }

    @Test
    void noticesArriveWhileSignInStillWaitsForThePerson() throws Exception {
        engine.company(ACME).signInNotices(OPEN_YOURSELF).holdSignIn();
        startServer(engine);
        BlockingQueue<SignInNotice> heard = new LinkedBlockingQueue<>();

        CompletableFuture<UserView> signingIn = CompletableFuture.supplyAsync(() -> {
            try {
                return client.signIn(null, heard::add);
            } catch (ControlException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(OPEN_YOURSELF);
        assertThat(engine.awaitSignInWaiting()).isTrue();
        assertThat(signingIn).isNotDone();
        assertThat(client.status().user())
                .as("other connections are served meanwhile")
                .isNull();

        engine.releaseSignIn();
        assertThat(signingIn.get(10, TimeUnit.SECONDS)).isEqualTo(InMemoryEngineControl.ADA);
        assertThat(heard).isEmpty();
    }

    @Test
    void aFailedSignInKeepsTheEngineCodeAndMessageAfterItsNotices() throws Exception {
        engine.company(ACME)
                .signInNotices(BROWSER_OPEN)
                .signInFails(new ControlException(
                        "sign_in_timed_out", "Sign-in took too long. Run `airlock signin` to try again."));
        startServer(engine);
        List<SignInNotice> heard = new ArrayList<>();

        assertThatThrownBy(() -> client.signIn(null, heard::add))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("sign_in_timed_out"))
                .hasMessage("Sign-in took too long. Run `airlock signin` to try again.");
        assertThat(heard).containsExactly(BROWSER_OPEN);
        assertThat(client.status().user()).isNull();
    }

    @Test
    void signInWithoutACompanyIsRefused() throws Exception {
        startServer(engine);

        assertThatThrownBy(() -> client.signIn(null, notice -> {}))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("no_company"));
    }

    @Test
    void signOutForgetsTheUser() throws Exception {
        engine.company(ACME);
        startServer(engine);
        client.signIn(null, notice -> {});
        assertThat(client.status().user()).isNotNull();

        client.signOut();

        assertThat(client.status().user()).isNull();
        assertThat(engine.status().user()).isNull();
    }

    @Test
    void signOutWithoutACompanyIsRefused() throws Exception {
        startServer(engine);

        assertThatThrownBy(client::signOut)
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("no_company"))
                .hasMessage("No company is set up, so no one is signed in.");
    }

    @Test
    void wireFormatOfNoticesAndAnswers() throws Exception {
        engine.signInNotices(BROWSER_OPEN, OPEN_YOURSELF);
        startServer(engine);

        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            raw.send("{\"command\":\"signin\",\"company\":\"acme.example\",\"extra\":1}");

            JsonNode first = raw.next("first notice");
            assertThat(first.propertyNames()).containsExactly("notice");
            assertThat(first.get("notice").get("message").stringValue()).isEqualTo(BROWSER_OPEN.message());
            assertThat(first.get("notice").get("address").isNull()).isTrue();

            JsonNode second = raw.next("second notice");
            assertThat(second.get("notice").get("message").stringValue()).isEqualTo(OPEN_YOURSELF.message());
            assertThat(second.get("notice").get("address").stringValue()).isEqualTo(OPEN_YOURSELF.address());

            JsonNode answer = raw.next("answer");
            assertThat(answer.get("ok").booleanValue()).isTrue();
            assertThat(answer.get("result").get("name").stringValue()).isEqualTo("Ada Lovelace");
            assertThat(answer.get("result").get("email").stringValue()).isEqualTo("ada@acme.example");
            assertThat(answer.get("result").get("roles").toString()).isEqualTo("[\"admin\",\"engineering\"]");

            JsonNode status = raw.exchange("{\"command\":\"status\"}");
            assertThat(status.get("result").get("company").get("name").stringValue())
                    .isEqualTo("acme.example");
            assertThat(status.get("result").get("user").get("name").stringValue())
                    .isEqualTo("Ada Lovelace");

            assertThat(raw.exchange("{\"command\":\"signout\"}").toString()).isEqualTo("{\"ok\":true,\"result\":{}}");
            assertThat(raw.exchange("{\"command\":\"status\"}")
                            .get("result")
                            .get("user")
                            .isNull())
                    .isTrue();
        }
    }

    @Test
    void aCompanyThatIsNotAnAddressIsABadRequest() throws Exception {
        startServer(engine);

        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            for (String request : List.of(
                    "{\"command\":\"signin\",\"company\":7}",
                    "{\"command\":\"signin\",\"company\":\" \"}",
                    "{\"command\":\"signin\",\"company\":{}}")) {
                JsonNode answer = raw.exchange(request);
                assertThat(answer.get("error").get("code").stringValue()).isEqualTo("bad_request");
                assertThat(answer.get("error").get("message").stringValue()).contains("\"company\"");
            }
            // null means none, as when it is left out
            JsonNode none = raw.exchange("{\"command\":\"signin\",\"company\":null}");
            assertThat(none.get("error").get("code").stringValue()).isEqualTo("no_company");
        }
        assertThat(engine.signInAddresses()).containsExactly((String) null);
    }

    @Test
    void aNoticeTheEngineSendsAfterItsAnswerIsNeverTakenForTheNextAnswer() throws Exception {
        AtomicReference<Consumer<SignInNotice>> keptNotices = new AtomicReference<>();
        startServer(new SignInEngine(engine, (company, notices) -> {
            keptNotices.set(notices);
            notices.accept(BROWSER_OPEN);
            return InMemoryEngineControl.ADA;
        }));

        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            raw.send("{\"command\":\"signin\"}");
            assertThat(raw.next("notice").has("notice")).isTrue();
            assertThat(raw.next("answer").get("ok").booleanValue()).isTrue();

            keptNotices.get().accept(OPEN_YOURSELF); // an engine thread that is late

            JsonNode ping = raw.exchange("{\"command\":\"ping\"}");
            assertThat(ping.has("notice")).isFalse();
            assertThat(ping.get("result").get("version").stringValue()).isEqualTo("1.2.3");
        }
    }

    @Test
    void concurrentSignInsHearOnlyTheirOwnNoticesWholeAndInOrder() throws Exception {
        int threads = 4;
        int perThread = 25;
        String padding = "x".repeat(64 * 1024); // lines far larger than a socket buffer
        startServer(new SignInEngine(engine, (company, notices) -> {
            // as a real engine may: notices from several threads of its own
            List<Thread> senders = IntStream.range(0, threads)
                    .mapToObj(t -> Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < perThread; i++) {
                            notices.accept(new SignInNotice(company + " " + t + " " + i + " " + padding, company));
                        }
                    }))
                    .toList();
            for (Thread sender : senders) {
                try {
                    sender.join();
                } catch (InterruptedException e) {
                    throw new ControlException("interrupted", "Airlock is shutting down.");
                }
            }
            return new UserView(company, null, List.of());
        }));

        List<Future<List<SignInNotice>>> signIns = new ArrayList<>();
        List<Future<String>> pings = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int c = 0; c < 8; c++) {
                String company = "company-" + c + ".example";
                signIns.add(pool.submit(() -> {
                    List<SignInNotice> heard = new CopyOnWriteArrayList<>();
                    assertThat(client.signIn(company, heard::add).name()).isEqualTo(company);
                    return heard;
                }));
                pings.add(
                        pool.submit(() -> client.ping() + " " + client.servers().size()));
            }
        }

        for (Future<String> ping : pings) {
            assertThat(ping.get()).isEqualTo("1.2.3 4");
        }
        for (int c = 0; c < 8; c++) {
            String company = "company-" + c + ".example";
            List<SignInNotice> heard = signIns.get(c).get();
            assertThat(heard).hasSize(threads * perThread).allSatisfy(notice -> {
                assertThat(notice.address()).isEqualTo(company);
                assertThat(notice.message()).startsWith(company + " ").endsWith(padding);
            });
            for (int t = 0; t < threads; t++) {
                String prefix = company + " " + t + " ";
                assertThat(heard.stream()
                                .map(SignInNotice::message)
                                .filter(m -> m.startsWith(prefix))
                                .map(m -> m.substring(prefix.length(), m.indexOf(' ', prefix.length()))))
                        .containsExactly(IntStream.range(0, perThread)
                                .mapToObj(Integer::toString)
                                .toArray(String[]::new));
            }
        }
    }

    @Test
    void anEngineThatSendsNoNoticesStillSignsIn() throws Exception {
        List<String> requests = new ArrayList<>();
        List<SignInNotice> heard = new ArrayList<>();
        try (FakeEngine fake = new FakeEngine(requests)) {
            fake.answerNext("{\"ok\":true,\"result\":{\"name\":\"Ada\",\"roles\":[\"admin\"],\"team\":\"x\"}}");

            UserView user = fake.client().signIn("acme.example", heard::add);

            assertThat(user).isEqualTo(new UserView("Ada", null, List.of("admin")));
        }
        assertThat(heard).isEmpty();
        assertThat(Json.mapper().readTree(requests.getFirst()))
                .isEqualTo(Json.mapper().readTree("{\"command\":\"signin\",\"company\":\"acme.example\"}"));
    }

    @Test
    void aNoticeMayLeaveOutItsAddressAndCarryMembersThisVersionDoesNotKnow() throws Exception {
        List<String> requests = new ArrayList<>();
        List<SignInNotice> heard = new ArrayList<>();
        try (FakeEngine fake = new FakeEngine(requests)) {
            fake.answerNext(
                    "{\"notice\":{\"message\":\"Waiting for you.\",\"level\":\"info\"},\"seq\":1}",
                    "{\"ok\":true,\"result\":{\"name\":\"Ada\",\"email\":\"ada@acme.example\",\"roles\":[]}}");

            fake.client().signIn(null, heard::add);
        }
        assertThat(heard).containsExactly(new SignInNotice("Waiting for you.", null));
        assertThat(Json.mapper().readTree(requests.getFirst()))
                .isEqualTo(Json.mapper().readTree("{\"command\":\"signin\"}"));
    }

    @Test
    void aMalformedNoticeIsAProtocolError() throws Exception {
        for (String notice : List.of(
                "{\"notice\":\"Waiting for you.\"}",
                "{\"notice\":{\"address\":\"https://login.acme.example\"}}",
                "{\"notice\":{\"message\":\"Open this:\",\"address\":42}}")) {
            try (FakeEngine fake = new FakeEngine(new ArrayList<>())) {
                fake.answerNext(notice, "{\"ok\":true,\"result\":{\"name\":\"Ada\",\"roles\":[]}}");

                assertThatThrownBy(() -> fake.client().signIn(null, n -> {}))
                        .as(notice)
                        .isInstanceOfSatisfying(
                                ControlException.class,
                                e -> assertThat(e.code()).isEqualTo("protocol"));
            }
        }
    }

    @Test
    void signOutOverTheWireIsOneLineEachWay() throws Exception {
        List<String> requests = new ArrayList<>();
        try (FakeEngine fake = new FakeEngine(requests)) {
            fake.answerNext("{\"ok\":true,\"result\":null}"); // an engine may have nothing to say

            fake.client().signOut();
        }
        assertThat(requests).containsExactly("{\"command\":\"signout\"}");
    }

    @Test
    void signInWaitsAsLongAsItsOwnTimeoutAndNoLonger() throws Exception {
        assertThat(Timeouts.DEFAULT.signIn())
                .as("longer than the engine's own 5 minutes for the browser")
                .isGreaterThan(Duration.ofMinutes(5));

        Path socket = dir.resolve("mute.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket)); // the kernel queues connections; nobody reads
            ControlClient impatient = new ControlClient(
                    socket,
                    new Timeouts(
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(20),
                            Duration.ofSeconds(20),
                            Duration.ofMillis(300)));

            assertThatThrownBy(() -> impatient.signIn(null, notice -> {}))
                    .isInstanceOfSatisfying(
                            ControlException.class, e -> assertThat(e.code()).isEqualTo("timeout"))
                    .hasMessageContaining("300 ms");
        }
    }

    @FunctionalInterface
    interface SignInBehaviour {
        UserView signIn(String companyAddress, Consumer<SignInNotice> notices) throws ControlException;
    }

    /** The in-memory engine with the test's own sign-in. */
    private record SignInEngine(EngineControl rest, SignInBehaviour behaviour) implements EngineControl {

        @Override
        public UserView signIn(String companyAddress, Consumer<SignInNotice> notices) throws ControlException {
            return behaviour.signIn(companyAddress, notices);
        }

        @Override
        public EngineStatus status() {
            return rest.status();
        }

        @Override
        public List<ServerView> servers() {
            return rest.servers();
        }

        @Override
        public ServerView enable(String server) throws ControlException {
            return rest.enable(server);
        }

        @Override
        public ServerView disable(String server) throws ControlException {
            return rest.disable(server);
        }

        @Override
        public ClientConnection issueClientToken(String clientName) throws ControlException {
            return rest.issueClientToken(clientName);
        }

        @Override
        public void signOut() throws ControlException {
            rest.signOut();
        }

        @Override
        public java.util.List<ActivityView> activity(int limit, String server) throws ControlException {
            return rest.activity(limit, server);
        }

        @Override
        public ServerView setSecret(String server, String name, String value) throws ControlException {
            return rest.setSecret(server, name, value);
        }

        @Override
        public ServerView removeSecret(String server, String name) throws ControlException {
            return rest.removeSecret(server, name);
        }

        @Override
        public ServerView approveTool(String server, String tool) throws ControlException {
            return rest.approveTool(server, tool);
        }
    }

    /** A peer that takes one request and answers with the given lines: an older or another engine. */
    private final class FakeEngine implements AutoCloseable {

        private final Path socket = dir.resolve("fake.sock");
        private final ServerSocketChannel listener;
        private final List<String> requests;
        private Thread peer;

        FakeEngine(List<String> requests) throws IOException {
            this.requests = requests;
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(socket));
        }

        void answerNext(String... lines) {
            peer = Thread.ofVirtual().start(() -> {
                try (SocketChannel connection = listener.accept()) {
                    requests.add(new BufferedReader(
                                    new InputStreamReader(Channels.newInputStream(connection), StandardCharsets.UTF_8))
                            .readLine());
                    for (String line : lines) {
                        Channels.newOutputStream(connection).write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        ControlClient client() {
            return new ControlClient(socket, Timeouts.DEFAULT);
        }

        @Override
        public void close() throws Exception {
            if (peer != null) {
                peer.join(Duration.ofSeconds(10));
            }
            listener.close();
            Files.deleteIfExists(socket);
        }
    }
}
