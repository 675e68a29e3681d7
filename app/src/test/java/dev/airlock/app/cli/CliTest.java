package dev.airlock.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.app.daemon.DaemonException;
import dev.airlock.app.daemon.DaemonOptions;
import dev.airlock.runtime.AirlockVersion;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.CompanyView;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.ControlServer;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.SignInNotice;
import dev.airlock.runtime.control.UserView;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.state.StateDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

@Timeout(60)
class CliTest {

    private static final String NL = System.lineSeparator();
    private static final CompanyView ACME =
            new CompanyView("acme.example", "https://registry.acme.example/", "fresh", "2026-05-01T10:00:00Z", null);
    private static final String NOT_RUNNING =
            "airlock: Airlock is not running. Start it with `airlock` (or `airlock daemon`), then try again.";

    @TempDir
    Path dir;

    private final InMemoryEngineControl engine = new InMemoryEngineControl();
    private StateDirectory running;
    private Path idle;
    private ControlServer server;
    private final List<DaemonOptions> daemonStarts = new ArrayList<>();
    private DaemonRunner daemon = (options, environment) -> {
        daemonStarts.add(options);
        return 0;
    };

    @BeforeEach
    void startEngine() throws IOException {
        running = StateDirectory.at(dir.resolve("running")).create();
        idle = StateDirectory.at(dir.resolve("idle")).create().root();
        server = new ControlServer(running, engine, InMemoryEngineControl.VERSION);
        server.start();
    }

    @AfterEach
    void stopEngine() {
        server.close();
    }

    record Result(int exitCode, String out, String err) {

        /** Exit 1, nothing on stdout, and exactly this one line on stderr. */
        void failedWith(String line) {
            assertThat(exitCode).isEqualTo(1);
            assertThat(out).isEmpty();
            assertThat(err).isEqualTo(line + NL);
        }

        /** Exit 1, the line on stderr and the error document on stdout. */
        void failedWithJson(String code, String line) {
            assertThat(exitCode).isEqualTo(1);
            assertThat(err).isEqualTo(line + NL);
            assertThat(json()).isEqualTo(errorDocument(code, line.substring("airlock: ".length())));
        }

        JsonNode json() {
            return Json.mapper().readTree(out);
        }

        <T> T json(Class<T> type) {
            return Json.mapper().readValue(out, type);
        }
    }

    private static JsonNode errorDocument(String code, String message) {
        return Json.mapper()
                .readTree("{\"error\":" + Json.mapper().writeValueAsString(Map.of("code", code, "message", message))
                        + "}");
    }

    private Result run(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = new Cli(outStream, errStream, env, daemon).run(args);
        }
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs against the running engine, named with --state-dir. */
    private Result airlock(String... args) {
        String[] withStateDir = Stream.concat(
                        Stream.of(args), Stream.of("--state-dir", running.root().toString()))
                .toArray(String[]::new);
        return run(Map.of(), withStateDir);
    }

    private static String lines(String... lines) {
        return String.join(NL, lines) + NL;
    }

    @Test
    void statusForPeople() {
        airlock("enable", "everything");

        Result result = airlock("status");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .isEqualTo(lines(
                        "Airlock 9.8.7-test is running.",
                        "",
                        "Company           not set up",
                        "User              Not signed in",
                        "Gateway           http://127.0.0.1:47299/mcp",
                        "Container engine  Docker 27.5.1 (test)",
                        "State directory   /state",
                        "",
                        "Servers           1 running, 1 unavailable, 2 off",
                        "  running         everything",
                        "  unavailable     weather",
                        "  off             memory, broken"));
    }

    @Test
    void statusAsJson() {
        Result result = airlock("status", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.json(EngineStatus.class)).isEqualTo(engine.status());
    }

    @Test
    void serversForPeopleShowTheReasonUnderAnUnavailableOne() {
        Result result = airlock("servers");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo(lines(
                        "NAME        STATE        DESCRIPTION",
                        "everything  off          Everything",
                        "memory      off          A knowledge graph that remembers",
                        "weather     unavailable  Weather",
                        "                         Your company requires a pinned image digest, and this entry has none.",
                        "broken      off          Broken"));
    }

    @Test
    void serversAsJsonIsTheListOfRecords() {
        Result result = airlock("servers", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().isArray()).isTrue();
        assertThat(List.of(result.json(ServerView[].class))).isEqualTo(engine.servers());
    }

    @Test
    void enableForPeople() {
        Result result = airlock("enable", "everything");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .isEqualTo(lines("everything is running. AI apps reach it at http://127.0.0.1:47299/mcp/everything"));
        assertThat(engine.servers())
                .anyMatch(s -> s.shortName().equals("everything") && s.state().equals("running"));
    }

    @Test
    void enableAsJsonIsTheServerView() {
        Result result = airlock("enable", "--json", "memory");

        assertThat(result.exitCode()).isZero();
        ServerView view = result.json(ServerView.class);
        assertThat(view.shortName()).isEqualTo("memory");
        assertThat(view.state()).isEqualTo("running");
        assertThat(engine.servers()).contains(view);
    }

    @Test
    void enableOfAnUnknownServerFailsWithOneLine() {
        airlock("enable", "nope").failedWith("airlock: Server 'nope' is not in your catalog.");
    }

    @Test
    void enableOfAnUnknownServerAsJsonAlsoPrintsTheErrorDocument() {
        airlock("enable", "nope", "--json")
                .failedWithJson("unknown_server", "airlock: Server 'nope' is not in your catalog.");
    }

    @Test
    void enableOfAnUnavailableServerGivesTheReason() {
        airlock("enable", "weather")
                .failedWith("airlock: Your company requires a pinned image digest, and this entry has none.");
    }

    @Test
    void aServerThatFailsToStartIsAFailure() {
        airlock("enable", "broken")
                .failedWith(
                        "airlock: Server 'broken' could not start. The container exited at start-up (exit code 1).");
        airlock("enable", "broken", "--json")
                .failedWithJson(
                        "start_failed",
                        "airlock: Server 'broken' could not start. The container exited at start-up (exit code 1).");
    }

    @Test
    void anInternalErrorIsOneLineWithoutTheSecret() {
        Result result = airlock("enable", "explode");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("airlock: ")
                .endsWith(NL)
                .doesNotContain(InMemoryEngineControl.LEAKED_SECRET);
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void disableForPeopleAndAsJson() {
        airlock("enable", "everything");

        Result human = airlock("disable", "everything");
        assertThat(human.exitCode()).isZero();
        assertThat(human.out()).isEqualTo(lines("everything is off."));

        Result json = airlock("disable", "io.github.example/everything", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json(ServerView.class).state()).isEqualTo("off");
    }

    @Test
    void clientTokenForPeopleShowsUrlHeaderAndHowToUseThem() {
        Result result = airlock("client-token", "claude-desktop");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines())
                .contains(
                        "URL     http://127.0.0.1:47299/mcp",
                        "Header  Authorization: Bearer tok-claude-desktop-1",
                        "  everything  http://127.0.0.1:47299/mcp/everything",
                        "Add this URL and header to your AI app's MCP server settings (Streamable HTTP).");
        assertThat(result.out()).startsWith("New gateway token for claude-desktop.");
    }

    @Test
    void clientTokenAsJsonIsTheConnection() {
        Result result = airlock("client-token", "cursor", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.json(ClientConnection.class))
                .isEqualTo(new ClientConnection(
                        "cursor",
                        InMemoryEngineControl.GATEWAY + "/mcp",
                        Map.of("Authorization", "Bearer tok-cursor-1"),
                        Map.of("everything", InMemoryEngineControl.GATEWAY + "/mcp/everything")));
    }

    @Test
    void clientTokenRefusalIsOneLine() {
        airlock("client-token", "Not Valid")
                .failedWith("airlock: A client name uses only lower-case letters, digits and dashes.");
    }

    @Test
    void everyEngineCommandSaysWhenNothingIsRunning() {
        for (String[] command : List.of(
                new String[] {"status"},
                new String[] {"servers"},
                new String[] {"enable", "everything"},
                new String[] {"disable", "everything"},
                new String[] {"client-token", "cursor"},
                new String[] {"signin"},
                new String[] {"signin", "acme.example"},
                new String[] {"signout"},
                new String[] {"activity"},
                new String[] {"activity", "--follow"})) {
            String[] args = Stream.concat(Stream.of(command), Stream.of("--state-dir", idle.toString()))
                    .toArray(String[]::new);
            run(Map.of(), args).failedWith(NOT_RUNNING);
        }
        run(Map.of(), "status", "--json", "--state-dir", idle.toString()).failedWithJson("not_running", NOT_RUNNING);
    }

    @Test
    void theEnvironmentVariableNamesTheStateDirectory() {
        Map<String, String> env = Map.of(StateDirectory.ENV, running.root().toString());

        Result result = run(env, "servers", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().size()).isEqualTo(4);
        run(Map.of(StateDirectory.ENV, idle.toString()), "servers").failedWith(NOT_RUNNING);
    }

    @Test
    void theOptionWinsOverTheEnvironmentVariable() {
        assertThat(run(
                                Map.of(StateDirectory.ENV, idle.toString()),
                                "status",
                                "--state-dir",
                                running.root().toString())
                        .exitCode())
                .isZero();
        run(Map.of(StateDirectory.ENV, running.root().toString()), "status", "--state-dir", idle.toString())
                .failedWith(NOT_RUNNING);
    }

    @Nested
    class SignInAndOut {

        private static final SignInNotice BROWSER_OPEN = new SignInNotice(
                "Your browser is open at your company's sign-in page. Sign in there; Airlock waits.", null);
        private static final SignInNotice OPEN_YOURSELF = new SignInNotice(
                "Airlock could not open your browser. Open this address to sign in:",
                "https://login.acme.example/authorize?client_id=airlock&state=abc");

        @Test
        void forPeopleEachNoticeThenWhoSignedIn() {
            engine.company(ACME).signInNotices(BROWSER_OPEN, OPEN_YOURSELF);

            Result result = airlock("signin");

            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(result.out())
                    .isEqualTo(lines(
                            "Signing in...",
                            "Your browser is open at your company's sign-in page. Sign in there; Airlock waits.",
                            "Airlock could not open your browser. Open this address to sign in:",
                            "https://login.acme.example/authorize?client_id=airlock&state=abc",
                            "Signed in as Ada Lovelace (roles: admin, engineering)."));
            assertThat(engine.signInAddresses()).containsExactly((String) null);
            assertThat(engine.status().user()).isEqualTo(InMemoryEngineControl.ADA);
        }

        @Test
        void anAddressAtTheEndOfTheMessageIsPrintedOnceOnItsOwnLine() {
            String address = "https://login.acme.example/authorize?client_id=airlock&state=xyz";
            engine.company(ACME)
                    .signInNotices(new SignInNotice(
                            "Airlock could not open your web browser. Open this address yourself: " + address,
                            address));

            assertThat(airlock("signin").out())
                    .isEqualTo(lines(
                            "Signing in...",
                            "Airlock could not open your web browser. Open this address yourself:",
                            address,
                            "Signed in as Ada Lovelace (roles: admin, engineering)."));
        }

        @Test
        void theFirstTimeWithTheCompanyAddress() {
            Result result = airlock("signin", "acme.example");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out())
                    .isEqualTo(lines(
                            "Signing in to acme.example...", "Signed in as Ada Lovelace (roles: admin, engineering)."));
            assertThat(engine.signInAddresses()).containsExactly("acme.example");
        }

        @Test
        void someoneWithoutRolesOrName() {
            engine.company(ACME).signInAs(new UserView(null, "grace@acme.example", List.of()));

            assertThat(airlock("signin").out().lines()).last().isEqualTo("Signed in as grace@acme.example (no roles).");
        }

        @Test
        void asJsonStdoutIsOnlyTheUserAndTheNoticesGoToStderr() {
            engine.company(ACME).signInNotices(BROWSER_OPEN, OPEN_YOURSELF);

            Result result = airlock("signin", "--json");

            assertThat(result.exitCode()).isZero();
            assertThat(result.json(UserView.class)).isEqualTo(InMemoryEngineControl.ADA);
            assertThat(result.json().propertyNames()).containsExactlyInAnyOrder("name", "email", "roles");
            assertThat(result.err())
                    .isEqualTo(lines(
                            "Signing in...",
                            "Your browser is open at your company's sign-in page. Sign in there; Airlock waits.",
                            "Airlock could not open your browser. Open this address to sign in:",
                            "https://login.acme.example/authorize?client_id=airlock&state=abc"));
        }

        @Test
        void aFailedSignInIsOneLineOnStderrAfterTheNotices() {
            engine.company(ACME)
                    .signInNotices(BROWSER_OPEN)
                    .signInFails(new ControlException(
                            "sign_in_cancelled", "Sign-in was cancelled. Run `airlock signin` to try again."));

            Result result = airlock("signin");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).isEqualTo(lines("Signing in...", BROWSER_OPEN.message()));
            assertThat(result.err())
                    .isEqualTo(lines("airlock: Sign-in was cancelled. Run `airlock signin` to try again."));
            assertThat(engine.status().user()).isNull();
        }

        @Test
        void aFailedSignInAsJsonIsTheErrorDocument() {
            String message = "Sign-in took too long. Run `airlock signin` to try again.";
            engine.company(ACME)
                    .signInNotices(OPEN_YOURSELF)
                    .signInFails(new ControlException("sign_in_timed_out", message));

            Result result = airlock("signin", "--json");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.json()).isEqualTo(errorDocument("sign_in_timed_out", message));
            assertThat(result.err())
                    .isEqualTo(lines(
                            "Signing in...", OPEN_YOURSELF.message(), OPEN_YOURSELF.address(), "airlock: " + message));
        }

        @Test
        void withoutACompanySignInSaysSo() {
            Result result = airlock("signin", "--json");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.json().get("error").get("code").stringValue()).isEqualTo("no_company");
            assertThat(result.err().lines()).last().isEqualTo("airlock: No company is set up yet.");
        }

        @Test
        void signOutForPeopleAndAsJson() {
            engine.company(ACME);
            airlock("signin");

            Result human = airlock("signout");
            assertThat(human.exitCode()).isZero();
            assertThat(human.err()).isEmpty();
            assertThat(human.out()).isEqualTo(lines("Signed out."));
            assertThat(engine.status().user()).isNull();

            Result json = airlock("signout", "--json");
            assertThat(json.exitCode()).isZero();
            assertThat(json.err()).isEmpty();
            assertThat(json.json().isObject()).isTrue();
            assertThat(json.json().isEmpty()).isTrue();
        }

        @Test
        void signOutWithoutACompanyFails() {
            airlock("signout").failedWith("airlock: No company is set up, so no one is signed in.");
            airlock("signout", "--json")
                    .failedWithJson("no_company", "airlock: No company is set up, so no one is signed in.");
        }
    }

    @Nested
    class StatusWithACompany {

        @Test
        void signedInWithANoteAboutTheCatalog() {
            engine.company(new CompanyView(
                    "acme.example",
                    "https://registry.acme.example/",
                    "cached",
                    "2026-05-01T08:00:00Z",
                    "Showing the catalog saved 2 hours ago; the registry cannot be reached right now."));
            airlock("signin");

            Result result = airlock("status");

            assertThat(result.exitCode()).isZero();
            assertThat(result.out())
                    .isEqualTo(lines(
                            "Airlock 9.8.7-test is running.",
                            "",
                            "Company           acme.example (https://registry.acme.example/)",
                            "User              Ada Lovelace (roles: admin, engineering)",
                            "Note              Showing the catalog saved 2 hours ago; the registry cannot be reached"
                                    + " right now.",
                            "Gateway           http://127.0.0.1:47299/mcp",
                            "Container engine  Docker 27.5.1 (test)",
                            "State directory   /state",
                            "",
                            "Servers           1 unavailable, 3 off",
                            "  unavailable     weather",
                            "  off             everything, memory, broken"));
        }

        @Test
        void notSignedIn() {
            engine.company(new CompanyView(
                    "acme.example",
                    "https://registry.acme.example/",
                    null,
                    null,
                    "Sign in with your acme.example account to see the tools you may use."));

            Result result = airlock("status");

            assertThat(result.out().lines())
                    .startsWith(
                            "Airlock 9.8.7-test is running.",
                            "",
                            "Company           acme.example (https://registry.acme.example/)",
                            "User              Not signed in",
                            "Note              Sign in with your acme.example account to see the tools you may use.",
                            "Gateway           http://127.0.0.1:47299/mcp");
        }

        @Test
        void asJsonWithCompanyAndUser() {
            engine.company(ACME);
            airlock("signin");

            Result result = airlock("status", "--json");

            assertThat(result.exitCode()).isZero();
            assertThat(result.json(EngineStatus.class)).isEqualTo(engine.status());
            assertThat(result.json().get("company").get("registryUrl").stringValue())
                    .isEqualTo("https://registry.acme.example/");
            assertThat(result.json().get("user").get("roles").toString()).isEqualTo("[\"admin\",\"engineering\"]");
        }
    }

    @Nested
    class Usage {

        @Test
        void aMissingArgumentIsExitCode2AndOneLine() {
            Result result = airlock("enable");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err())
                    .isEqualTo("airlock: Missing required parameter: 'SERVER'. Run `airlock enable --help` for usage."
                            + NL);
        }

        @Test
        void withJsonTheUsageErrorIsAlsoADocument() {
            Result result = airlock("client-token", "--json");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.json().get("error").get("code").stringValue()).isEqualTo("usage");
            assertThat(result.err().lines()).hasSize(1);
        }

        @Test
        void anUnknownCommandIsNamed() {
            Result result = run(Map.of(), "frobnicate");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err())
                    .isEqualTo("airlock: Unknown command 'frobnicate'. Run `airlock --help` to see the commands." + NL);
        }

        @Test
        void anUnknownOptionIsExitCode2() {
            Result result = airlock("status", "--frob");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err())
                    .startsWith("airlock: Unknown option: '--frob'")
                    .endsWith(NL);
            assertThat(result.err().lines()).hasSize(1);
        }

        @Test
        void versionAndHelp() {
            Result version = run(Map.of(), "--version");
            assertThat(version.exitCode()).isZero();
            assertThat(version.out()).isEqualTo("airlock " + AirlockVersion.current() + NL);

            Result help = run(Map.of(), "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out())
                    .contains(
                            "daemon",
                            "status",
                            "servers",
                            "enable",
                            "disable",
                            "client-token",
                            "signin",
                            "signout",
                            "activity",
                            "desktop app");

            Result commandHelp = run(Map.of(), "enable", "--help");
            assertThat(commandHelp.exitCode()).isZero();
            assertThat(commandHelp.out()).contains("SERVER", "--state-dir", "--json");

            Result signInHelp = run(Map.of(), "signin", "--help");
            assertThat(signInHelp.exitCode()).isZero();
            assertThat(signInHelp.out()).contains("[COMPANY-ADDRESS]", "first time", "--json");
        }

        @Test
        void anEmptyCompanyAddressIsAUsageError() {
            Result result = airlock("signin", "");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err())
                    .isEqualTo(
                            "airlock: COMPANY-ADDRESS must not be empty. Run `airlock signin --help` for usage." + NL);
            assertThat(engine.signInAddresses()).isEmpty();
        }
    }

    @Nested
    class Daemon {

        @Test
        void passesTheOptionsToTheDaemonAndExitsWithItsCode() {
            daemon = (options, environment) -> {
                daemonStarts.add(options);
                return 3;
            };
            Path registry = dir.resolve("registry.json");

            Result result = run(
                    Map.of(),
                    "daemon",
                    "--registry",
                    registry.toUri().toString(),
                    "--gateway-port",
                    "0",
                    "--state-dir",
                    idle.toString());

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(daemonStarts).singleElement().satisfies(options -> {
                assertThat(options.registryFile()).isEqualTo(registry);
                assertThat(options.gatewayPort()).isZero();
                assertThat(options.stateDirectory().root()).isEqualTo(idle);
            });
        }

        @Test
        void withoutOptionsTheStateDirectoryComesFromTheEnvironmentAndTheRestFromSettings() {
            Result result = run(Map.of(StateDirectory.ENV, idle.toString()), "daemon");

            assertThat(result.exitCode()).isZero();
            assertThat(daemonStarts).singleElement().satisfies(options -> {
                assertThat(options.registryFile()).isNull();
                assertThat(options.registryUrl()).isNull();
                assertThat(options.gatewayPort()).isNull(); // the gatewayPort setting decides
                assertThat(options.demo()).isFalse();
                assertThat(options.stateDirectory().root()).isEqualTo(idle);
            });
        }

        @Test
        void anHttpsRegistryIsTheCompanyRegistryAndDemoRunsTheDemoOrganization() {
            run(Map.of(), "daemon", "--registry", "https://registry.example.com", "--state-dir", idle.toString());
            assertThat(daemonStarts.getLast().registryUrl()).hasToString("https://registry.example.com");
            assertThat(daemonStarts.getLast().registryFile()).isNull();

            run(Map.of(), "daemon", "--demo", "--state-dir", idle.toString());
            assertThat(daemonStarts.getLast().demo()).isTrue();

            Result both = run(Map.of(), "daemon", "--demo", "--registry", "x.json", "--state-dir", idle.toString());
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.err()).startsWith("airlock: --demo and --registry cannot be used together.");
        }

        @Test
        void aPlainRegistryPathIsMadeAbsolute() {
            run(Map.of(), "daemon", "--registry", "dev/registry.json", "--state-dir", idle.toString());

            assertThat(daemonStarts.getFirst().registryFile())
                    .isEqualTo(Path.of("dev/registry.json").toAbsolutePath());
        }

        @Test
        void refusesWhatItCannotServeYet() {
            Result ftp =
                    run(Map.of(), "daemon", "--registry", "ftp://registry.example.com", "--state-dir", idle.toString());
            assertThat(ftp.exitCode()).isEqualTo(2);
            assertThat(ftp.err())
                    .isEqualTo(
                            "airlock: --registry takes an https address, a file or a file: URL, not ftp://registry.example.com."
                                    + " Run `airlock daemon --help` for usage." + NL);

            Result port = run(Map.of(), "daemon", "--gateway-port", "70000", "--state-dir", idle.toString());
            assertThat(port.exitCode()).isEqualTo(2);
            assertThat(port.err()).startsWith("airlock: --gateway-port must be between 0 and 65535, not 70000.");

            Result relativeUrl =
                    run(Map.of(), "daemon", "--registry", "file:registry.json", "--state-dir", idle.toString());
            assertThat(relativeUrl.exitCode()).isEqualTo(2);

            assertThat(daemonStarts).isEmpty();
        }

        @Test
        void aStateDirectoryThatCannotBeCreatedIsOneLine() {
            daemon = (options, environment) -> {
                throw new UncheckedIOException(
                        "Cannot create the state directory /nope", new IOException("Permission denied"));
            };

            run(Map.of(), "daemon", "--state-dir", idle.toString())
                    .failedWith("airlock: Cannot create the state directory /nope: Permission denied");
        }

        @Test
        void aDaemonThatCannotStartIsOneLineWithItsCodeInJson() {
            daemon = (options, environment) -> {
                throw new DaemonException(
                        "already_running", "Airlock is already running with the state directory /x.", null);
            };

            Result result = run(Map.of(), "daemon", "--json", "--state-dir", idle.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("airlock: Airlock is already running with the state directory /x." + NL);
            assertThat(Json.mapper()
                            .readTree(result.out())
                            .path("error")
                            .path("code")
                            .asString())
                    .isEqualTo("already_running");
        }

        @Test
        void anUnexpectedExceptionIsOneLineWithoutAStackTrace() {
            daemon = (options, environment) -> {
                throw new IllegalStateException("boom");
            };

            run(Map.of(), "daemon", "--state-dir", idle.toString())
                    .failedWith("airlock: Unexpected error: java.lang.IllegalStateException: boom");
        }
    }

    @Nested
    class Activity {

        private static final ActivityView INITIALIZE = InMemoryEngineControl.call(
                1, "2026-05-01T10:00:00Z", "claude-ai", "everything", "initialize", null, "ok", 3);
        private static final ActivityView ECHO = InMemoryEngineControl.call(
                2, "2026-05-01T10:00:01.250Z", "claude-ai", "everything", "tools/call", "echo", "ok", 1_500);
        private static final ActivityView PROMPT = InMemoryEngineControl.call(
                3, "2026-05-01T10:02:00Z", "cursor", "memory", "prompts/get", "greeting", "error", 125_000);

        /** The time as the table shows it: this computer's local time. */
        private static String local(ActivityView call) {
            return LocalTime.ofInstant(Instant.parse(call.at()), ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        }

        @Test
        void forPeopleATableWithTheNewestLast() {
            engine.recordActivity(INITIALIZE, ECHO, PROMPT);

            Result result = airlock("activity");

            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(result.out())
                    .isEqualTo(lines(
                            "TIME      APP        SERVER      TOOL/METHOD           OUTCOME  DURATION",
                            local(INITIALIZE) + "  claude-ai  everything  initialize            ok       3 ms",
                            local(ECHO) + "  claude-ai  everything  echo                  ok       1.5 s",
                            local(PROMPT) + "  cursor     memory      prompts/get greeting  error    2 min 5 s"));
        }

        @Test
        void whenTheLimitIsReachedItSaysHowToSeeMore() {
            engine.recordActivity(INITIALIZE, ECHO, PROMPT);

            Result result = airlock("activity", "--limit", "2");

            assertThat(result.out().lines())
                    .hasSize(4)
                    .endsWith("These are the last 2 calls; `airlock activity --limit N` shows more.");
            assertThat(result.out()).contains("echo").contains("greeting").doesNotContain("initialize");
        }

        @Test
        void onlyTheServerAskedFor() {
            engine.recordActivity(INITIALIZE, ECHO, PROMPT);

            assertThat(airlock("activity", "--server", "memory").out().lines())
                    .hasSize(2)
                    .last()
                    .asString()
                    .contains("greeting");
            assertThat(airlock("activity", "--server", "io.github.example/everything")
                            .out()
                            .lines())
                    .hasSize(3);
            airlock("activity", "--server", "nope").failedWith("airlock: Server 'nope' is not in your catalog.");
        }

        @Test
        void withNoCallsItSaysSo() {
            assertThat(airlock("activity").out())
                    .isEqualTo(lines(
                            "No calls yet. When an AI app uses a server through Airlock, its calls appear here."));
            assertThat(airlock("activity", "--server", "memory").out()).isEqualTo(lines("No calls to memory yet."));
        }

        @Test
        void asJsonTheRecordsAsTheEngineGivesThemNewestFirst() throws Exception {
            engine.recordActivity(INITIALIZE, ECHO, PROMPT);

            Result result = airlock("activity", "--json");

            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(List.of(result.json(ActivityView[].class))).containsExactly(PROMPT, ECHO, INITIALIZE);
        }

        @Test
        void namesFromAiAppsCannotSendControlCharactersToTheTerminal() {
            engine.recordActivity(InMemoryEngineControl.call(
                    1, "2026-05-01T10:00:00Z", "evil\u001b[2J", "everything", "tools/call", "x\ny", "ok", 1));

            String out = airlock("activity").out();

            assertThat(out).doesNotContain("\u001b").contains("evil?[2J").contains("x?y");
        }

        @Test
        void aLimitOutsideOneToTenThousandIsAUsageError() {
            for (String limit : List.of("0", "10001", "-3", "lots")) {
                Result result = airlock("activity", "--limit", limit);

                assertThat(result.exitCode()).as(limit).isEqualTo(2);
                assertThat(result.out()).isEmpty();
                assertThat(result.err())
                        .startsWith("airlock: ")
                        .contains("--limit")
                        .endsWith(NL);
            }
            assertThat(airlock("activity", "--limit", "10000").exitCode()).isZero();
        }

        @Test
        void followPrintsTheRecentCallsThenEachNewOneUntilInterrupted() throws Exception {
            engine.recordActivity(INITIALIZE, ECHO);

            try (var following = new Following("activity", "--follow")) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> following.out().contains("echo"));
                engine.recordActivity(PROMPT);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> following.out().contains("greeting"));

                assertThat(following.stop()).isZero();
                assertThat(following.out())
                        .isEqualTo(lines(
                                "Showing calls as they happen. Press Ctrl+C to stop.",
                                row("TIME", "APP", "SERVER", "TOOL/METHOD", "OUTCOME", "DURATION"),
                                row(local(INITIALIZE), "claude-ai", "everything", "initialize", "ok", "3 ms"),
                                row(local(ECHO), "claude-ai", "everything", "echo", "ok", "1.5 s"),
                                row(local(PROMPT), "cursor", "memory", "prompts/get greeting", "error", "2 min 5 s")));
                assertThat(following.err()).isEmpty();
            }
        }

        @Test
        void followOnlyTheServerAskedFor() throws Exception {
            engine.recordActivity(INITIALIZE);

            try (var following = new Following("activity", "--follow", "--server", "memory", "--limit", "5")) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> following.out().contains("TOOL/METHOD"));
                engine.recordActivity(ECHO, PROMPT);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> following.out().contains("greeting"));

                assertThat(following.stop()).isZero();
                assertThat(following.out()).doesNotContain("initialize").doesNotContain("echo");
            }
        }

        @Test
        void followAsJsonIsOneRecordPerLine() throws Exception {
            engine.recordActivity(INITIALIZE);

            try (var following = new Following("activity", "--follow", "--json")) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> following.out().lines().count() == 1);
                engine.recordActivity(ECHO, PROMPT);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> following.out().lines().count() == 3);

                assertThat(following.stop()).isZero();
                assertThat(following.out().lines().map(line -> Json.mapper().readValue(line, ActivityView.class)))
                        .containsExactly(INITIALIZE, ECHO, PROMPT);
                assertThat(following.err()).isEqualTo(lines("Showing calls as they happen. Press Ctrl+C to stop."));
            }
        }

        @Test
        void followEndsWithOneLineWhenAirlockStops() throws Exception {
            try (var following = new Following("activity", "--follow")) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> following.out().contains("TOOL/METHOD"));

                server.close();

                assertThat(following.awaitExit()).isEqualTo(1);
                assertThat(following.err()).startsWith("airlock: ").endsWith(NL);
                assertThat(following.err().lines()).hasSize(1);
            }
        }

        private static String row(String... cells) {
            return String.format("%-8s  %-16s  %-12s  %-32s  %-9s  %s", (Object[]) cells);
        }

        /** {@code airlock activity --follow} running on a thread of its own, until stopped. */
        private final class Following implements AutoCloseable {

            private final ByteArrayOutputStream out = new ByteArrayOutputStream();
            private final ByteArrayOutputStream err = new ByteArrayOutputStream();
            private final Thread thread;
            private volatile int exitCode = -1;

            Following(String... args) {
                String[] withStateDir = Stream.concat(
                                Stream.of(args),
                                Stream.of("--state-dir", running.root().toString()))
                        .toArray(String[]::new);
                var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
                thread = Thread.ofPlatform()
                        .name("airlock-activity-follow")
                        .start(() -> exitCode = new Cli(outStream, errStream, Map.of(), daemon).run(withStateDir));
            }

            String out() {
                return out.toString(StandardCharsets.UTF_8);
            }

            String err() {
                return err.toString(StandardCharsets.UTF_8);
            }

            /** Interrupts it, as Ctrl+C would, and returns its exit code. */
            int stop() throws InterruptedException {
                thread.interrupt();
                return awaitExit();
            }

            int awaitExit() throws InterruptedException {
                assertThat(thread.join(Duration.ofSeconds(10)))
                        .as("the command ended")
                        .isTrue();
                return exitCode;
            }

            @Override
            public void close() throws InterruptedException {
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(10));
                }
            }
        }
    }
}
