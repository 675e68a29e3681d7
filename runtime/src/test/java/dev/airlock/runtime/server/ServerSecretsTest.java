package dev.airlock.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch;
import dev.airlock.runtime.catalog.PackageLaunch.EnvironmentVariable;
import dev.airlock.runtime.catalog.PackageLaunch.PackageType;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.container.EngineConnection;
import dev.airlock.runtime.container.InstanceIdentity;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.secrets.MemorySecretStore;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreException;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets a server needs, without containers: where they are stored, the states they lead to, what
 * is refused, and that no value reaches the log. No container engine answers here, so a server that
 * gets as far as launching ends in {@code failed}; {@link ServerSecretsIT} runs them for real.
 */
@Timeout(60)
class ServerSecretsTest {

    /** AWS's documentation example key: a well-known fake. */
    static final String TOKEN = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    static final EnvironmentVariable GITHUB_TOKEN =
            new EnvironmentVariable("GITHUB_TOKEN", "Your GitHub personal access token.", true, true, null);
    static final EnvironmentVariable WEBHOOK_SECRET =
            new EnvironmentVariable("GITHUB_WEBHOOK_SECRET", "The secret of your webhooks", false, true, null);
    static final EnvironmentVariable REGION = new EnvironmentVariable("REGION", "Region", true, false, "eu");

    @TempDir
    Path stateDir;

    private final MemorySecretStore store = new MemorySecretStore();
    private final List<ServerManager> managers = new ArrayList<>();
    private final List<ServerManager.StateChange> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        managers.forEach(ServerManager::close);
    }

    @Test
    void turningOnWithoutARequiredSecretWaitsForItAndTheChoiceIsRemembered() throws Exception {
        var manager = manager(store, github());

        ServerState state = manager.enable("github");

        assertThat(state)
                .isEqualTo(new ServerState.NeedsSecret(
                        List.of("GITHUB_TOKEN"), "Waiting for your GITHUB_TOKEN (Your GitHub personal access token)."));
        assertThat(state.label()).isEqualTo("needs-secret");
        assertThat(state.detail()).isEqualTo("Waiting for your GITHUB_TOKEN (Your GitHub personal access token).");
        // it never tried to launch: that would have failed, as no container engine answers here
        assertThat(changes).noneMatch(change -> change.state() instanceof ServerState.Failed);

        // the next run of Airlock turns it on again, and it waits again
        manager.close();
        var again = manager(store, github());
        assertThat(again.state("github")).contains(new ServerState.Off());
        again.restoreEnabled();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> again.state("github").orElseThrow() instanceof ServerState.NeedsSecret);
    }

    @Test
    void storingTheSecretStartsAServerThatWaitsForIt() throws Exception {
        var manager = manager(store, github());
        manager.enable("github");
        changes.clear();

        ServerState state = manager.setSecret("github", "GITHUB_TOKEN", TOKEN);

        // it went on to launch; with no container engine here, that is as far as it gets
        assertThat(changes)
                .extracting(ServerManager.StateChange::state)
                .first()
                .isEqualTo(new ServerState.Starting(null));
        assertThat(state).isInstanceOf(ServerState.Failed.class);
        assertThat(store.get(ServerSecrets.key("io.github.github/github-mcp-server", "GITHUB_TOKEN")))
                .contains(TOKEN);
        assertThat(manager.isSecretStored(entry(github()), "GITHUB_TOKEN")).isTrue();
    }

    @Test
    void storingASecretForAServerThatIsOffStartsNothing() throws Exception {
        var manager = manager(store, github());

        assertThat(manager.isSecretStored(entry(github()), "GITHUB_TOKEN")).isFalse();
        assertThat(manager.setSecret("github", "GITHUB_TOKEN", TOKEN)).isEqualTo(new ServerState.Off());

        assertThat(changes).isEmpty();
        assertThat(manager.isSecretStored(entry(github()), "GITHUB_TOKEN")).isTrue();
    }

    @Test
    void removingARequiredSecretOfAServerThatIsOnPutsItBackToWaiting() throws Exception {
        var manager = manager(store, github());
        manager.setSecret("github", "GITHUB_TOKEN", TOKEN);
        assertThat(manager.enable("github")).isInstanceOf(ServerState.Failed.class); // on, but no engine here

        ServerState state = manager.removeSecret("github", "GITHUB_TOKEN");

        assertThat(state).isInstanceOf(ServerState.NeedsSecret.class);
        assertThat(((ServerState.NeedsSecret) state).missing()).containsExactly("GITHUB_TOKEN");
        assertThat(store.get(ServerSecrets.key("io.github.github/github-mcp-server", "GITHUB_TOKEN")))
                .isEmpty();
        assertThat(manager.isSecretStored(entry(github()), "GITHUB_TOKEN")).isFalse();
    }

    @Test
    void removingASecretOfAServerThatIsOffLeavesItOff() throws Exception {
        var manager = manager(store, github());
        manager.setSecret("github", "GITHUB_TOKEN", TOKEN);

        assertThat(manager.removeSecret("github", "GITHUB_TOKEN")).isEqualTo(new ServerState.Off());
        // and removing what is not stored is no error
        assertThat(manager.removeSecret("github", "GITHUB_TOKEN")).isEqualTo(new ServerState.Off());
    }

    @Test
    void aServerWaitsForEveryMissingRequiredSecretAndTheSentenceNamesThemAll() throws Exception {
        var second = new EnvironmentVariable("JIRA_TOKEN", null, true, true, null);
        var manager = manager(store, List.of(GITHUB_TOKEN, second, WEBHOOK_SECRET));

        ServerState state = manager.enable("github");
        assertThat(state.detail())
                .isEqualTo("Waiting for your GITHUB_TOKEN (Your GitHub personal access token) and JIRA_TOKEN.");

        state = manager.setSecret("github", "JIRA_TOKEN", "AKIAIOSFODNN7EXAMPLE");
        assertThat(state)
                .isEqualTo(new ServerState.NeedsSecret(
                        List.of("GITHUB_TOKEN"), "Waiting for your GITHUB_TOKEN (Your GitHub personal access token)."));
    }

    @Test
    void optionalSecretsNeedNotBeStoredToStart() throws Exception {
        var manager = manager(store, List.of(WEBHOOK_SECRET));

        ServerState state = manager.enable("github");

        // launched (and failed only for want of a container engine), rather than waiting
        assertThat(state).isInstanceOf(ServerState.Failed.class);
        assertThat(changes).extracting(ServerManager.StateChange::state).contains(new ServerState.Starting(null));
    }

    @Test
    void theEnvironmentHasFixedValuesAndStoredSecretsButNoMissingOptionalOnes() {
        var launch = launch(List.of(REGION, GITHUB_TOKEN, WEBHOOK_SECRET));

        assertThat(ServerManager.environment(launch, Map.of("GITHUB_TOKEN", TOKEN)))
                .containsExactly(Map.entry("REGION", "eu"), Map.entry("GITHUB_TOKEN", TOKEN));
        assertThat(ServerManager.environment(
                        launch, Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_WEBHOOK_SECRET", "AKIAIOSFODNN7EXAMPLE")))
                .containsExactly(
                        Map.entry("REGION", "eu"),
                        Map.entry("GITHUB_TOKEN", TOKEN),
                        Map.entry("GITHUB_WEBHOOK_SECRET", "AKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void namesThatAreNotTheServersSecretsAreRefusedAndNothingIsStored() throws Exception {
        var manager = manager(store, List.of(REGION, GITHUB_TOKEN, WEBHOOK_SECRET));

        assertThatThrownBy(() -> manager.setSecret("github", "SLACK_TOKEN", TOKEN))
                .isInstanceOf(InvalidSecretException.class)
                .hasMessage(
                        "GitHub has no secret named SLACK_TOKEN. Its secrets: GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET.");
        // a fixed setting is the company's, not a secret the user sets
        assertThatThrownBy(() -> manager.setSecret("github", "REGION", "us"))
                .isInstanceOf(InvalidSecretException.class)
                .hasMessageContaining("no secret named REGION");
        // what looks like a token typed in the wrong place is not echoed back
        assertThatThrownBy(() -> manager.setSecret("github", TOKEN, TOKEN))
                .isInstanceOf(InvalidSecretException.class)
                .hasMessage("That is not the name of one of GitHub's secrets. Its secrets: GITHUB_TOKEN,"
                        + " GITHUB_WEBHOOK_SECRET.");
        assertThatThrownBy(() -> manager.removeSecret("github", "SLACK_TOKEN"))
                .isInstanceOf(InvalidSecretException.class);
        assertThatThrownBy(() -> manager.setSecret("nope", "GITHUB_TOKEN", TOKEN))
                .isInstanceOf(UnknownServerException.class);
        assertThat(store).hasToString("MemorySecretStore[0 entries]");

        // letter case is forgiven when it leaves no doubt
        manager.setSecret("github", "github_token", TOKEN);
        assertThat(manager.isSecretStored(entry(List.of(GITHUB_TOKEN)), "GITHUB_TOKEN"))
                .isTrue();
    }

    @Test
    void aServerWithoutSecretsSaysSo() {
        var manager = manager(store, List.of(REGION));

        assertThatThrownBy(() -> manager.setSecret("github", "GITHUB_TOKEN", TOKEN))
                .isInstanceOf(InvalidSecretException.class)
                .hasMessage("GitHub needs no secrets.");
    }

    @Test
    void emptyOverlongAndNulValuesAreRefusedWithoutQuotingThem() throws Exception {
        var manager = manager(store, github());

        assertThatThrownBy(() -> manager.setSecret("github", "GITHUB_TOKEN", ""))
                .isInstanceOf(InvalidSecretException.class)
                .hasMessage("The secret's value is empty, so nothing was stored.");
        String overlong = TOKEN.repeat(ServerSecrets.MAX_VALUE_CHARS / TOKEN.length() + 1);
        assertThatThrownBy(() -> manager.setSecret("github", "GITHUB_TOKEN", overlong))
                .isInstanceOf(InvalidSecretException.class)
                .hasMessage("A secret may be at most 16,384 characters long; this one has %,d."
                        .formatted(overlong.length()))
                .message()
                .doesNotContain(TOKEN);
        assertThatThrownBy(() -> manager.setSecret("github", "GITHUB_TOKEN", TOKEN + "\0"))
                .isInstanceOf(InvalidSecretException.class)
                .message()
                .contains("NUL")
                .doesNotContain(TOKEN);
        assertThat(manager.isSecretStored(entry(github()), "GITHUB_TOKEN")).isFalse();

        // the longest value allowed is stored whole
        String longest = "x".repeat(ServerSecrets.MAX_VALUE_CHARS);
        manager.setSecret("github", "GITHUB_TOKEN", longest);
        assertThat(store.get(ServerSecrets.key("io.github.github/github-mcp-server", "GITHUB_TOKEN")))
                .contains(longest);
    }

    @Test
    void keysAreOnePerServerAndVariableAndEveryStoreAcceptsThem() throws Exception {
        String key = ServerSecrets.key("io.github.github/github-mcp-server", "GITHUB_TOKEN");

        assertThat(key)
                .matches("airlock\\.server-secret\\.[0-9a-f]{32}")
                .isEqualTo(ServerSecrets.key("io.github.github/github-mcp-server", "GITHUB_TOKEN"));
        assertThat(List.of(
                        key,
                        ServerSecrets.key("io.github.github/github-mcp-server", "GITHUB_WEBHOOK_SECRET"),
                        ServerSecrets.key("io.github.acme/github-mcp-server", "GITHUB_TOKEN"),
                        // the separator keeps name and variable apart
                        ServerSecrets.key("io.github.github/github-mcp-serverG", "ITHUB_TOKEN")))
                .doesNotHaveDuplicates();
        // the longest registry name still gives a key the store takes
        String longName = "io.example/" + "n".repeat(189);
        store.put(ServerSecrets.key(longName, "A_VERY_LONG_VARIABLE_NAME_" + "X".repeat(100)), TOKEN);
    }

    @Test
    void aKeychainThatFailsAtLaunchFailsTheStartWithItsOwnSentence() throws Exception {
        var keychain = new SwitchableStore();
        var manager = manager(keychain, github());
        manager.setSecret("github", "GITHUB_TOKEN", TOKEN);
        keychain.failing = true;

        ServerState state = manager.enable("github");

        assertThat(state).isInstanceOf(ServerState.Failed.class);
        assertThat(state.detail()).isEqualTo("GitHub could not start: " + SwitchableStore.FAILURE);
    }

    @Test
    void aKeychainThatRefusesToStoreChangesNothing() throws Exception {
        var keychain = new SwitchableStore();
        var manager = manager(keychain, github());
        manager.enable("github");
        keychain.failing = true;

        assertThatThrownBy(() -> manager.setSecret("github", "GITHUB_TOKEN", TOKEN))
                .isInstanceOf(SecretStoreException.class)
                .hasMessage(SwitchableStore.FAILURE);
        assertThat(manager.state("github").orElseThrow()).isInstanceOf(ServerState.NeedsSecret.class);
        assertThat(manager.isSecretStored(entry(github()), "GITHUB_TOKEN")).isFalse();
    }

    @Test
    void noValueReachesTheLogWhateverHappensToIt() throws Exception {
        String text;
        try (var log = new CapturedLog()) {
            var keychain = new SwitchableStore();
            var manager = manager(keychain, List.of(GITHUB_TOKEN, WEBHOOK_SECRET));
            manager.enable("github");
            manager.setSecret("github", "GITHUB_TOKEN", TOKEN); // starts, and fails: no container engine
            manager.setSecret("github", "GITHUB_WEBHOOK_SECRET", TOKEN + "-webhook");
            catchAny(() -> manager.setSecret("github", "GITHUB_TOKEN", TOKEN + "\0"));
            catchAny(() -> manager.setSecret("github", TOKEN, TOKEN));
            manager.removeSecret("github", "GITHUB_TOKEN");
            keychain.failing = true;
            catchAny(() -> manager.setSecret("github", "GITHUB_TOKEN", TOKEN));
            manager.isSecretStored(entry(github()), "GITHUB_WEBHOOK_SECRET");
            keychain.failing = false;
            manager.setSecret("github", "GITHUB_TOKEN", TOKEN);
            manager.close();
            text = log.text();
        }

        // the capture works: what happened is there, by name
        assertThat(text)
                .contains("Stored GITHUB_TOKEN for github")
                .contains("Removed GITHUB_TOKEN of github")
                .contains("Server github waits for [GITHUB_TOKEN]");
        assertThat(text).doesNotContain(TOKEN);
        assertThat(text).doesNotContain("K7MDENG");
    }

    private static void catchAny(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception expected) {
            // refused, as it should be; only the log is of interest
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A keychain that works until told to fail, as a locked or unresponsive one does. */
    static final class SwitchableStore implements SecretStore {
        static final String FAILURE =
                "Your desktop's keyring did not answer. If it asks to be unlocked, unlock it, then try again.";

        private final MemorySecretStore values = new MemorySecretStore();
        volatile boolean failing;

        @Override
        public Optional<String> get(String key) throws SecretStoreException {
            check();
            return values.get(key);
        }

        @Override
        public void put(String key, String value) throws SecretStoreException {
            check();
            values.put(key, value);
        }

        @Override
        public void delete(String key) throws SecretStoreException {
            check();
            values.delete(key);
        }

        private void check() throws SecretStoreException {
            if (failing) {
                throw new SecretStoreException(FAILURE, new IllegalStateException("D-Bus timeout"));
            }
        }

        @Override
        public boolean persistent() {
            return true;
        }

        @Override
        public String description() {
            return "a test keychain";
        }
    }

    private static List<EnvironmentVariable> github() {
        return List.of(GITHUB_TOKEN, WEBHOOK_SECRET);
    }

    private ServerManager manager(SecretStore secrets, List<EnvironmentVariable> environment) {
        var dir = StateDirectory.at(stateDir).create();
        // no engine is reached: a launch fails at once
        var engines = new EngineConnection(
                Map.of("DOCKER_HOST", "unix://" + stateDir.resolve("no-such-docker.sock")),
                InstanceIdentity.newInstance(stateDir));
        var manager = new ServerManager(
                new Catalog(List.of(entry(environment))),
                engines,
                dir,
                Duration.ofSeconds(5),
                EngineOptions.DEFAULT_NPM_BUILD,
                secrets);
        manager.addStateListener(changes::add);
        managers.add(manager);
        assertThat(Files.exists(stateDir.resolve("no-such-docker.sock"))).isFalse();
        return manager;
    }

    private static PackageLaunch launch(List<EnvironmentVariable> environment) {
        return new PackageLaunch(PackageType.OCI, "local/x:1", null, List.of(), List.of(), environment);
    }

    static CatalogEntry entry(List<EnvironmentVariable> environment) {
        return new CatalogEntry(
                "io.github.github/github-mcp-server",
                "github",
                "GitHub",
                "Issues and pull requests",
                "1.0.0",
                Optional.of(launch(environment)),
                List.of(),
                ServerPolicy.DEFAULT,
                Optional.empty(),
                Availability.available());
    }
}
