package dev.airlock.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch;
import dev.airlock.runtime.catalog.PackageLaunch.EnvironmentVariable;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.ControlServer;
import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.CapturedLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets through the control socket, as the command line and the desktop app store them: the
 * server view, the error codes, and that the value reaches neither the log nor a file. No container
 * engine answers here, so a server that launches fails; ServerSecretsIT runs one for real.
 */
@Timeout(60)
class EngineSecretsTest {

    /** AWS's documentation example key: a well-known fake. */
    private static final String TOKEN = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    private AirlockEngine engine;
    private ControlServer control;
    private ControlClient client;
    private CapturedLog log;

    @BeforeEach
    void start() throws Exception {
        log = new CapturedLog();
        var state = StateDirectory.at(dir.resolve("state")).create();
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(github())),
                state,
                0,
                Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-such-docker.sock"))));
        control = new ControlServer(state, engine, "test");
        control.start();
        client = new ControlClient(state);
    }

    @AfterEach
    void stop() {
        control.close();
        engine.close();
        log.close();
    }

    @Test
    void theServerViewSaysWhichSecretsAreStoredAndNeverTheirValues() throws Exception {
        assertThat(client.servers().getFirst().secrets())
                .containsExactly(
                        new SecretNeed("GITHUB_TOKEN", "Your GitHub personal access token", true, false),
                        new SecretNeed("GITHUB_WEBHOOK_SECRET", "The secret of your webhooks", false, false));

        ServerView waiting = client.enable("github");
        assertThat(waiting.state()).isEqualTo("needs-secret");
        assertThat(waiting.detail()).isEqualTo("Waiting for your GITHUB_TOKEN (Your GitHub personal access token).");
        assertThat(waiting.url()).isNull();

        ServerView stored = client.setSecret("github", "GITHUB_TOKEN", TOKEN);
        assertThat(stored.secrets())
                .extracting(SecretNeed::name, SecretNeed::stored)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GITHUB_TOKEN", true),
                        org.assertj.core.groups.Tuple.tuple("GITHUB_WEBHOOK_SECRET", false));
        // it tried to start, which needs a container engine this test does not have
        assertThat(stored.state()).isEqualTo("failed");
        assertThat(client.status().servers().getFirst().secrets().getFirst().stored())
                .isTrue();

        ServerView removed = client.removeSecret("github", "GITHUB_TOKEN");
        assertThat(removed.state()).isEqualTo("needs-secret");
        assertThat(removed.secrets().getFirst().stored()).isFalse();

        assertThat(log.text()).contains("Stored GITHUB_TOKEN for github").doesNotContain(TOKEN);
        assertThat(filesUnder(dir)).isNotEmpty().noneMatch(text -> text.contains(TOKEN));
    }

    @Test
    void refusalsCarryStableCodesAndNeverTheValue() throws Exception {
        assertThat(failure(() -> client.setSecret("github", "SLACK_TOKEN", TOKEN)))
                .isEqualTo(new Failure(
                        "bad_request",
                        "GitHub has no secret named SLACK_TOKEN. Its secrets: GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET."));
        assertThat(failure(() -> client.setSecret("github", TOKEN, TOKEN)).message())
                .startsWith("That is not the name of one of GitHub's secrets.");
        assertThat(failure(() -> client.setSecret("github", "GITHUB_TOKEN", "")))
                .isEqualTo(new Failure("bad_request", "The secret's value is empty, so nothing was stored."));
        assertThat(failure(() -> client.setSecret("github", "GITHUB_TOKEN", TOKEN.repeat(500))))
                .isEqualTo(new Failure(
                        "bad_request", "A secret may be at most 16,384 characters long; this one has 20,000."));
        assertThat(failure(() -> client.setSecret("nope", "GITHUB_TOKEN", TOKEN))
                        .code())
                .isEqualTo("not_found");
        assertThat(failure(() -> client.removeSecret("github", "SLACK_TOKEN")).code())
                .isEqualTo("bad_request");

        assertThat(client.servers().getFirst().secrets()).noneMatch(SecretNeed::stored);
        assertThat(log.text()).doesNotContain(TOKEN);
    }

    private record Failure(String code, String message) {}

    private interface Call {
        Object run() throws ControlException;
    }

    private static Failure failure(Call call) {
        try {
            call.run();
        } catch (ControlException e) {
            assertThat(e.getMessage()).doesNotContain(TOKEN);
            return new Failure(e.code(), e.getMessage());
        }
        throw new AssertionError("the call succeeded");
    }

    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> {
                        try {
                            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                        } catch (IOException e) {
                            return "";
                        }
                    })
                    .toList();
        }
    }

    private static CatalogEntry github() {
        var launch = new PackageLaunch(
                PackageLaunch.PackageType.OCI,
                "local/mcp-everything:test",
                null,
                List.of(),
                List.of(),
                List.of(
                        new EnvironmentVariable("GITHUB_TOKEN", "Your GitHub personal access token", true, true, null),
                        new EnvironmentVariable(
                                "GITHUB_WEBHOOK_SECRET", "The secret of your webhooks", false, true, null)));
        return new CatalogEntry(
                "io.github.github/github-mcp-server",
                "github",
                "GitHub",
                "Issues and pull requests",
                "1.0.0",
                Optional.of(launch),
                List.of(),
                ServerPolicy.DEFAULT,
                Optional.empty(),
                Availability.available());
    }
}
