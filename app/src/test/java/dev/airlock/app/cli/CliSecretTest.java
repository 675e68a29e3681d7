package dev.airlock.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.ControlServer;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.server.ServerSecrets;
import dev.airlock.runtime.state.StateDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code airlock secret set|remove}, and how {@code servers} and {@code enable} speak of secrets. */
@Timeout(60)
class CliSecretTest {

    private static final String NL = System.lineSeparator();

    /** AWS's documentation example key: a well-known fake. */
    private static final String TOKEN = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    private final InMemoryEngineControl engine = new InMemoryEngineControl().withGitHub();
    private StateDirectory running;
    private ControlServer server;

    @BeforeEach
    void startEngine() throws IOException {
        running = StateDirectory.at(dir.resolve("running")).create();
        server = new ControlServer(running, engine, InMemoryEngineControl.VERSION);
        server.start();
    }

    @AfterEach
    void stopEngine() {
        server.close();
    }

    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            return Json.mapper().readTree(out);
        }
    }

    /** Runs against the running engine, with this as standard input. */
    private Result airlock(InputStream stdin, String... args) {
        return run(stdin, running.root(), args);
    }

    private Result airlock(String... args) {
        return airlock(InputStream.nullInputStream(), args);
    }

    private static Result run(InputStream stdin, Path stateDir, String... args) {
        String[] withStateDir = Stream.concat(Stream.of(args), Stream.of("--state-dir", stateDir.toString()))
                .toArray(String[]::new);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode =
                    new Cli(outStream, errStream, Map.of(), (o, e) -> 0, SecretInput.lineOf(stdin)).run(withStateDir);
        }
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Standard input that must not be touched. */
    private static final class UntouchedInput extends InputStream {
        final AtomicBoolean read = new AtomicBoolean();

        @Override
        public int read() {
            read.set(true);
            return -1;
        }
    }

    private static String lines(String... lines) {
        return String.join(NL, lines) + NL;
    }

    @Test
    void serversShowWhichSecretsAreMissingAndHowToStoreThem() {
        Result result = airlock("servers");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .endsWith(lines(
                        "github      off          GitHub",
                        "                         Secrets: GITHUB_TOKEN missing, GITHUB_WEBHOOK_SECRET not stored (optional)",
                        "                         Store it with `airlock secret set github GITHUB_TOKEN`."));

        airlock(stdin(TOKEN + "\n"), "secret", "set", "github", "GITHUB_TOKEN");
        assertThat(airlock("servers").out())
                .endsWith(
                        lines(
                                "github      off          GitHub",
                                "                         Secrets: GITHUB_TOKEN stored, GITHUB_WEBHOOK_SECRET not stored (optional)"));
    }

    @Test
    void enablingAServerThatWaitsForASecretIsNotASuccess() {
        Result result = airlock("enable", "github");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("airlock: github is on, but not running. Waiting for your GITHUB_TOKEN (Your GitHub"
                        + " personal access token). Store it with `airlock secret set github GITHUB_TOKEN`. github"
                        + " starts then." + NL);
        assertThat(airlock("enable", "github", "--json")
                        .json()
                        .path("error")
                        .path("code")
                        .asString())
                .isEqualTo("needs_secret");
        assertThat(airlock("servers").out())
                .contains("github      needs-secret  GitHub" + NL
                        + "                          Waiting for your GITHUB_TOKEN (Your GitHub personal access token)."
                        + NL);
    }

    @Test
    void setReadsTheValueFromStandardInputAndNeverPrintsIt() {
        airlock("enable", "github");

        Result result =
                airlock(stdin(TOKEN + "\r\nsecond line is not read\n"), "secret", "set", "github", "GITHUB_TOKEN");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .isEqualTo(lines(
                        "Saved your GITHUB_TOKEN for github.",
                        "github is running. AI apps reach it at http://127.0.0.1:47299/mcp/github"));
        assertThat(engine.storedSecret("github", "GITHUB_TOKEN")).contains(TOKEN);
    }

    @Test
    void aValueWithoutALineBreakIsTakenWhole() {
        Result result = airlock(stdin(TOKEN), "secret", "set", "github", "GITHUB_WEBHOOK_SECRET");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo(lines(
                        "Saved your GITHUB_WEBHOOK_SECRET for github.",
                        "Store it with `airlock secret set github GITHUB_TOKEN`."));
        assertThat(engine.storedSecret("github", "GITHUB_WEBHOOK_SECRET")).contains(TOKEN);
    }

    @Test
    void anOptionalSecretLeavesAWaitingServerWaitingAndSaysForWhat() {
        airlock("enable", "github");

        Result result = airlock(stdin(TOKEN + "\n"), "secret", "set", "github", "GITHUB_WEBHOOK_SECRET");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo(lines(
                        "Saved your GITHUB_WEBHOOK_SECRET for github.",
                        "Waiting for your GITHUB_TOKEN (Your GitHub personal access token). Store it with `airlock"
                                + " secret set github GITHUB_TOKEN`."));
    }

    @Test
    void setAsJsonPrintsTheServerViewWithoutTheValue() {
        Result result = airlock(stdin(TOKEN + "\n"), "secret", "set", "--json", "github", "GITHUB_TOKEN");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.mapper().readValue(result.out(), ServerView.class))
                .isEqualTo(engine.servers().getLast());
        assertThat(result.out()).contains("\"stored\" : true").doesNotContain(TOKEN);
    }

    @Test
    void noValueOnStandardInputStoresNothing() {
        Result result = airlock(InputStream.nullInputStream(), "secret", "set", "github", "GITHUB_TOKEN");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("airlock: No value was given. Type it when asked, or give it on the first line of standard"
                        + " input." + NL);
        assertThat(engine.storedSecret("github", "GITHUB_TOKEN")).isEmpty();
    }

    @Test
    void anEmptyLineIsRefusedByTheEngine() {
        Result result = airlock(stdin("\n"), "secret", "set", "github", "GITHUB_TOKEN", "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().path("error").path("code").asString()).isEqualTo("bad_request");
        assertThat(engine.storedSecret("github", "GITHUB_TOKEN")).isEmpty();
    }

    @Test
    void aValueLongerThanAnyTheEngineTakesIsNotReadToTheEnd() {
        String huge = "x".repeat(SecretInput.MAX_LINE_BYTES + 10);

        Result result = airlock(stdin(huge), "secret", "set", "github", "GITHUB_TOKEN");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("airlock: The value on standard input is longer than any secret Airlock accepts ("
                        + ServerSecrets.MAX_VALUE_CHARS + " characters)." + NL);
    }

    @Test
    void aWrongNameIsRefusedBeforeTheValueIsAskedFor() {
        var untouched = new UntouchedInput();

        Result result = airlock(untouched, "secret", "set", "github", "SLACK_TOKEN");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("airlock: GitHub has no secret named SLACK_TOKEN. Its secrets: GITHUB_TOKEN,"
                        + " GITHUB_WEBHOOK_SECRET." + NL);
        assertThat(untouched.read).isFalse();

        // the value typed where the name goes is not printed back
        Result swapped = airlock(new UntouchedInput(), "secret", "set", "github", TOKEN);
        assertThat(swapped.err())
                .isEqualTo("airlock: That is not the name of one of GitHub's secrets. Its secrets: GITHUB_TOKEN,"
                        + " GITHUB_WEBHOOK_SECRET." + NL);
        assertThat(airlock(new UntouchedInput(), "secret", "set", "memory", "GITHUB_TOKEN")
                        .err())
                .isEqualTo("airlock: memory needs no secrets." + NL);
    }

    @Test
    void whenAirlockIsNotRunningTheValueIsNotAskedFor() {
        var untouched = new UntouchedInput();
        Path idle = StateDirectory.at(dir.resolve("idle")).create().root();

        Result result = run(untouched, idle, "secret", "set", "github", "GITHUB_TOKEN");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("airlock: Airlock is not running.");
        assertThat(untouched.read).isFalse();
    }

    @Test
    void removeTakesARunningServerBackToWaiting() {
        airlock(stdin(TOKEN + "\n"), "secret", "set", "github", "GITHUB_TOKEN");
        airlock("enable", "github");

        Result result = airlock("secret", "remove", "github", "GITHUB_TOKEN");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo(lines(
                        "Removed your GITHUB_TOKEN for github.",
                        "github is stopped until you store it again with `airlock secret set github"
                                + " GITHUB_TOKEN`."));
        assertThat(engine.storedSecret("github", "GITHUB_TOKEN")).isEmpty();
        assertThat(engine.servers().getLast().state()).isEqualTo("needs-secret");
    }

    @Test
    void removeOfAnUnknownSecretFailsWithTheEnginesReason() {
        Result result = airlock("secret", "remove", "github", "SLACK_TOKEN", "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().path("error").path("code").asString()).isEqualTo("bad_request");
        assertThat(result.err()).isEqualTo("airlock: GitHub has no secret named SLACK_TOKEN." + NL);
    }

    @Test
    void secretWithoutASubcommandOrWithTooFewArgumentsIsAUsageError() {
        Result bare = airlock("secret");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err())
                .isEqualTo("airlock: Missing command: `airlock secret set` or `airlock secret remove`." + NL);

        Result missing = airlock("secret", "set", "github");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("airlock: Missing required parameter: 'NAME'.");

        Result help = airlock("secret", "set", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: airlock secret set", "standard input");
    }
}
