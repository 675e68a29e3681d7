package dev.airlock.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.airlock.runtime.control.ControlClient.Timeouts;
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
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

@Timeout(60)
class ControlServerTest {

    private static final String NOT_RUNNING =
            "Airlock is not running. Start it with `airlock` (or `airlock daemon`), then try again.";

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

    private void startServer() throws IOException {
        server = new ControlServer(state, engine, "1.2.3");
        server.start();
    }

    @Test
    void pingAnswersTheEngineVersion() throws Exception {
        startServer();

        assertThat(client.ping()).isEqualTo("1.2.3");
    }

    @Test
    void statusAndServersArriveAsTheEngineReportedThem() throws Exception {
        startServer();

        assertThat(client.status()).isEqualTo(engine.status());
        assertThat(client.servers()).isEqualTo(engine.servers()).hasSize(4);
    }

    @Test
    void enableAndDisableChangeTheEngineAndReturnTheNewView() throws Exception {
        startServer();

        ServerView enabled = client.enable("everything");
        assertThat(enabled.state()).isEqualTo("running");
        assertThat(enabled.url()).isEqualTo(InMemoryEngineControl.GATEWAY + "/mcp/everything");
        assertThat(engine.servers()).contains(enabled);

        ServerView disabled = client.disable("everything");
        assertThat(disabled.state()).isEqualTo("off");
        assertThat(disabled.url()).isNull();
        assertThat(engine.servers()).contains(disabled);
    }

    @Test
    void enableAcceptsTheFullRegistryName() throws Exception {
        startServer();

        assertThat(client.enable("io.github.example/memory").shortName()).isEqualTo("memory");
    }

    @Test
    void clientTokenCarriesUrlAndHeaders() throws Exception {
        startServer();

        ClientConnection connection = client.issueClientToken("claude-desktop");

        assertThat(connection.client()).isEqualTo("claude-desktop");
        assertThat(connection.url()).isEqualTo(InMemoryEngineControl.GATEWAY + "/mcp");
        assertThat(connection.headers()).containsEntry("Authorization", "Bearer tok-claude-desktop-1");
    }

    @Test
    void refusalsKeepTheEngineCodeAndMessage() throws Exception {
        startServer();

        assertThatThrownBy(() -> client.enable("nope"))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("unknown_server"))
                .hasMessage("Server 'nope' is not in your catalog.");
        assertThatThrownBy(() -> client.disable("nope"))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("unknown_server"));
        assertThatThrownBy(() -> client.enable("weather"))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("unavailable"))
                .hasMessage("Your company requires a pinned image digest, and this entry has none.");
        assertThatThrownBy(() -> client.issueClientToken("Not Valid"))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("bad_client_name"));
    }

    @Test
    void unexpectedEngineFailureIsInternalAndDoesNotLeakItsMessage() throws Exception {
        startServer();

        assertThatThrownBy(() -> client.enable("explode"))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("internal"))
                .message()
                .doesNotContain(InMemoryEngineControl.LEAKED_SECRET)
                .contains("log");
        assertThat(client.ping()).as("the server keeps serving").isEqualTo("1.2.3");
    }

    @Test
    void wireFormatIsOneJsonObjectPerLine() throws Exception {
        startServer();

        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            JsonNode ok = raw.exchange("{\"command\":\"enable\",\"server\":\"everything\"}");
            assertThat(ok.get("ok").booleanValue()).isTrue();
            assertThat(ok.get("result").get("state").stringValue()).isEqualTo("running");
            assertThat(ok.get("result").get("shortName").stringValue()).isEqualTo("everything");

            JsonNode failed = raw.exchange("{\"command\":\"disable\",\"server\":\"nope\",\"extra\":1}");
            assertThat(failed.propertyNames()).containsExactlyInAnyOrder("ok", "error");
            assertThat(failed.get("ok").booleanValue()).isFalse();
            assertThat(failed.get("error").get("code").stringValue()).isEqualTo("unknown_server");
            assertThat(failed.get("error").get("message").stringValue())
                    .isEqualTo("Server 'nope' is not in your catalog.");

            JsonNode ping = raw.exchange("{\"command\":\"ping\"}");
            assertThat(ping.get("result").get("version").stringValue()).isEqualTo("1.2.3");
        }
    }

    @Test
    void malformedLinesGetBadRequestAndTheConnectionStaysUsable() throws Exception {
        startServer();

        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            assertBadRequest(raw.exchange("this is not json"), "not valid JSON");
            assertBadRequest(raw.exchange("{\"command\":\"ping\"} trailing"), "not valid JSON");
            assertBadRequest(raw.exchange("[1,2]"), "one JSON object");
            assertBadRequest(raw.exchange(""), "one JSON object");
            assertBadRequest(raw.exchange("{\"server\":\"everything\"}"), "no \"command\"");
            assertBadRequest(raw.exchange("{\"command\":\"reboot\"}"), "Unknown command \"reboot\"");
            assertBadRequest(raw.exchange("{\"command\":\"enable\"}"), "needs a \"server\"");
            assertBadRequest(raw.exchange("{\"command\":\"client-token\",\"client\":7}"), "needs a \"client\"");

            assertThat(raw.exchange("{\"command\":\"ping\"}").get("ok").booleanValue())
                    .isTrue();
        }
    }

    private static void assertBadRequest(JsonNode response, String messagePart) {
        assertThat(response.get("ok").booleanValue()).isFalse();
        assertThat(response.get("error").get("code").stringValue()).isEqualTo("bad_request");
        assertThat(response.get("error").get("message").stringValue()).contains(messagePart);
    }

    @Test
    void aRequestOfExactly64KiBIsServed() throws Exception {
        startServer();
        String request = "{\"command\":\"ping\"}";
        String padded = request + " ".repeat(64 * 1024 - request.length());

        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            assertThat(raw.exchange(padded).get("ok").booleanValue()).isTrue();
        }
    }

    @Test
    void aRequestOver64KiBIsRefusedAndTheConnectionClosed() throws Exception {
        startServer();
        String oversized = "{\"command\":\"ping\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";

        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            JsonNode response = raw.exchange(oversized);
            assertThat(response.get("ok").booleanValue()).isFalse();
            assertThat(response.get("error").get("code").stringValue()).isEqualTo("request_too_large");
            assertThat(raw.endedByPeer()).as("connection closed").isTrue();
        }
        assertThat(client.ping()).as("other connections are unaffected").isEqualTo("1.2.3");
    }

    @Test
    void startReplacesASocketFileLeftByACrashedInstance() throws Exception {
        Path socket = state.controlSocket();
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        } // closing does not remove the file: exactly what a killed process leaves
        assertThat(socket).exists();
        assertThatThrownBy(client::ping)
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("not_running"))
                .hasMessage(NOT_RUNNING);

        startServer();

        assertThat(client.ping()).isEqualTo("1.2.3");
    }

    @Test
    void socketFileIsOwnerOnly() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        startServer();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.controlSocket())))
                .isEqualTo("rw-------");
    }

    @Test
    void closeRemovesTheSocketAndDropsOpenConnections() throws Exception {
        startServer();
        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            assertThat(raw.exchange("{\"command\":\"ping\"}").get("ok").booleanValue())
                    .isTrue();

            server.close();

            assertThat(raw.endedByPeer()).as("open connection ended").isTrue();
        }
        assertThat(state.controlSocket()).doesNotExist();
        assertThatThrownBy(client::ping)
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("not_running"));
    }

    @Test
    void notRunningWhenNothingEverListened() {
        assertThatThrownBy(client::status)
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("not_running"))
                .hasMessage(NOT_RUNNING);
    }

    @Test
    void aSocketPathTooLongForTheOsFailsWithAClearMessage() {
        StateDirectory deep = StateDirectory.at(dir.resolve("d".repeat(120))).create();
        ControlServer tooLong = new ControlServer(deep, engine, "1.2.3");

        assertThatThrownBy(tooLong::start)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(deep.controlSocket().toString())
                .hasMessageContaining("--state-dir");
        assertThat(deep.controlSocket()).doesNotExist();
    }

    @Test
    void severalClientsAtOnceEachGetTheirOwnAnswers() throws Exception {
        startServer();
        List<Future<List<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (int worker = 0; worker < 12; worker++) {
                String name = "client-" + worker;
                results.add(pool.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        seen.add(client.issueClientToken(name).client());
                        seen.add(client.ping());
                        seen.add(Integer.toString(client.servers().size()));
                    }
                    return seen;
                }));
            }
        }
        for (int worker = 0; worker < 12; worker++) {
            List<String> seen = results.get(worker).get();
            assertThat(seen).hasSize(60);
            for (int i = 0; i < 60; i += 3) {
                assertThat(seen.subList(i, i + 3)).containsExactly("client-" + worker, "1.2.3", "4");
            }
        }
    }

    @Test
    void aLongEnableDoesNotHoldUpOtherClients() throws Exception {
        startServer();
        CompletableFuture<ServerView> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return client.enable("slow");
            } catch (ControlException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(engine.awaitSlowEnable()).isTrue();

        assertThat(client.ping()).isEqualTo("1.2.3");
        assertThat(slow).isNotDone();

        engine.releaseSlowEnable();
        assertThat(slow.get().state()).isEqualTo("running");
    }

    @Test
    void anInstanceThatDoesNotAnswerTimesOut() throws Exception {
        Path socket = dir.resolve("mute.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket)); // the kernel queues connections; nobody reads
            ControlClient impatient = new ControlClient(
                    socket,
                    new Timeouts(
                            Duration.ofSeconds(2),
                            Duration.ofMillis(300),
                            Duration.ofMillis(300),
                            Duration.ofMillis(300)));

            assertThatThrownBy(impatient::ping)
                    .isInstanceOfSatisfying(
                            ControlException.class, e -> assertThat(e.code()).isEqualTo("timeout"))
                    .hasMessageContaining("300 ms");
        }
    }

    @Test
    void aPeerThatHangsUpOrTalksNonsenseIsReportedAsSuch() throws Exception {
        Path socket = dir.resolve("odd.sock");
        try (ServerSocketChannel odd = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            odd.bind(UnixDomainSocketAddress.of(socket));
            ControlClient confused = new ControlClient(socket, Timeouts.DEFAULT);
            Thread peer = Thread.ofVirtual().start(() -> {
                try {
                    try (SocketChannel first = odd.accept()) {
                        // hangs up without answering
                    }
                    try (SocketChannel second = odd.accept()) {
                        new BufferedReader(
                                        new InputStreamReader(Channels.newInputStream(second), StandardCharsets.UTF_8))
                                .readLine(); // takes the request, so the answer is what fails
                        Channels.newOutputStream(second).write("hello\n".getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThatThrownBy(confused::ping)
                    .isInstanceOfSatisfying(
                            ControlException.class, e -> assertThat(e.code()).isEqualTo("connection_lost"));
            assertThatThrownBy(confused::ping)
                    .isInstanceOfSatisfying(
                            ControlException.class, e -> assertThat(e.code()).isEqualTo("protocol"));
            peer.join();
        }
    }

    // --- activity ---------------------------------------------------------------------------------------

    private static final String AT = "2026-05-01T10:00:00Z";

    @Test
    void activityArrivesNewestFirstFilteredByServerAndLimited() throws Exception {
        engine.recordActivity(
                InMemoryEngineControl.call(1, AT, "claude-ai", "everything", "initialize", null, "ok", 3),
                InMemoryEngineControl.call(2, AT, "claude-ai", "everything", "tools/call", "echo", "ok", 12),
                InMemoryEngineControl.call(3, AT, "cursor", "memory", "tools/call", "remember", "error", 40),
                InMemoryEngineControl.call(4, AT, "claude-ai", "everything", "tools/call", "add", "failed", 7));
        startServer();

        assertThat(client.activity(10, null))
                .isEqualTo(engine.activity(10, null))
                .hasSize(4);
        assertThat(client.activity(10, null)).extracting(ActivityView::id).containsExactly(4L, 3L, 2L, 1L);
        assertThat(client.activity(2, "everything"))
                .extracting(ActivityView::target)
                .containsExactly("add", "echo");
        assertThat(client.activity(10, "io.github.example/memory"))
                .singleElement()
                .isEqualTo(
                        InMemoryEngineControl.call(3, AT, "cursor", "memory", "tools/call", "remember", "error", 40));
    }

    @Test
    void activityRefusalsKeepTheEngineCode() throws Exception {
        startServer();

        assertThatThrownBy(() -> client.activity(0, null))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
        assertThatThrownBy(() -> client.activity(10, "nope"))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("unknown_server"));
    }

    @Test
    void activityAfterAnIdHasOnlyTheNewerCalls() throws Exception {
        for (int id = 1; id <= 5; id++) {
            engine.recordActivity(InMemoryEngineControl.call(id, AT, "claude-ai", "everything", "ping", null, "ok", 1));
        }
        startServer();

        assertThat(client.activityAfter(3, 10_000, null))
                .extracting(ActivityView::id)
                .containsExactly(5L, 4L);
        assertThat(client.activityAfter(5, 10_000, null)).isEmpty();
        assertThat(client.activityAfter(0, 2, null))
                .extracting(ActivityView::id)
                .containsExactly(5L, 4L);
    }

    @Test
    void activityOnTheWire() throws Exception {
        for (int id = 1; id <= 60; id++) {
            engine.recordActivity(InMemoryEngineControl.call(
                    id, AT, "claude-ai", id % 2 == 0 ? "everything" : "memory", "tools/call", "t" + id, "ok", id));
        }
        startServer();

        try (RawConnection raw = new RawConnection(state.controlSocket())) {
            JsonNode answer = raw.exchange("{\"command\":\"activity\",\"limit\":2,\"server\":\"memory\"}");
            assertThat(answer.get("ok").booleanValue()).isTrue();
            JsonNode calls = answer.get("result");
            assertThat(calls.size()).isEqualTo(2);
            assertThat(calls.get(0).propertyNames())
                    .containsExactly(
                            "id",
                            "at",
                            "client",
                            "clientApp",
                            "server",
                            "method",
                            "target",
                            "outcome",
                            "durationMs",
                            "request",
                            "response",
                            "findings",
                            "partlyInspected");
            assertThat(calls.get(0).get("id").asLong()).isEqualTo(59);
            assertThat(calls.get(1).get("target").asString()).isEqualTo("t57");

            JsonNode byDefault = raw.exchange("{\"command\":\"activity\"}");
            assertThat(byDefault.get("result").size())
                    .as("50 calls unless told")
                    .isEqualTo(50);

            JsonNode after = raw.exchange("{\"command\":\"activity\",\"limit\":100,\"after\":58,\"server\":null}");
            assertThat(after.get("result").findValuesAsString("target")).containsExactly("t60", "t59");

            assertBadRequest(raw.exchange("{\"command\":\"activity\",\"limit\":\"ten\"}"), "\"limit\"");
            assertBadRequest(raw.exchange("{\"command\":\"activity\",\"limit\":1.5}"), "\"limit\"");
            assertBadRequest(raw.exchange("{\"command\":\"activity\",\"limit\":99999999999}"), "\"limit\"");
            assertBadRequest(raw.exchange("{\"command\":\"activity\",\"server\":7}"), "\"server\"");
            assertBadRequest(raw.exchange("{\"command\":\"activity\",\"server\":\" \"}"), "\"server\"");
            assertBadRequest(raw.exchange("{\"command\":\"activity\",\"after\":-1}"), "\"after\"");
            assertBadRequest(raw.exchange("{\"command\":\"activity\",\"limit\":0}"), "between 1 and 10000");
        }
    }

    @Test
    void moreLongCallsThanTheReaderTakesStillFitWithTheOlderOnesWithoutTheirTexts() throws Exception {
        String longText = "\"" + "x".repeat(16 * 1024) + "\"";
        for (int id = 1; id <= 2_000; id++) {
            engine.recordActivity(new ActivityView(
                    id,
                    AT,
                    "claude-desktop",
                    "claude-ai",
                    "everything",
                    "tools/call",
                    "echo",
                    "ok",
                    1,
                    longText,
                    longText,
                    List.of()));
        }
        startServer();

        List<ActivityView> calls = client.activity(10_000, null);

        assertThat(calls).hasSize(2_000);
        assertThat(calls.getFirst().request()).isEqualTo(longText);
        assertThat(calls.getFirst().response()).isEqualTo(longText);
        assertThat(calls.getLast().request()).isEqualTo(ActivityAnswer.LEFT_OUT);
        assertThat(calls.getLast().response()).isEqualTo(ActivityAnswer.LEFT_OUT);
        assertThat(calls.getLast().target()).isEqualTo("echo");
        // newest first: the calls that keep their texts are the most recent ones
        int kept =
                (int) calls.stream().filter(c -> c.request().equals(longText)).count();
        assertThat(kept).isBetween(100, 1_000);
        assertThat(calls.subList(0, kept))
                .allSatisfy(c -> assertThat(c.request()).isEqualTo(longText));
    }
}
