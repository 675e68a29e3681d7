package dev.airlock.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.auth.SystemBrowser;
import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch;
import dev.airlock.runtime.catalog.PackageLaunch.EnvironmentVariable;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.CapturedLog;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A secret, stored through the engine, reaches a real server in its container and nothing else: the
 * MCP reference server's {@code get-env} tool, called by the official Java SDK client through the
 * gateway, reports the server's environment. Run against every kind of secret store.
 */
@Timeout(300)
abstract class ServerSecretsContract {

    /** AWS's documentation example keys: well-known fakes. */
    static final String API_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    static final String OPTIONAL_TOKEN = "AKIAIOSFODNN7EXAMPLE";

    @TempDir
    Path stateDir;

    /** Unique per test, so that keychain entries of an earlier, interrupted run never interfere. */
    private final String serverName = "io.example.airlock-it/secrets-" + UUID.randomUUID();

    private AirlockEngine engine;
    private CapturedLog log;

    /** The store under test; it outlives the engine. */
    abstract SecretStore store();

    @BeforeAll
    static void images() {
        TestImages.ensureBuilt();
    }

    @BeforeEach
    void startEngine() throws Exception {
        log = new CapturedLog();
        engine = AirlockEngine.start(new EngineOptions(
                new Catalog(List.of(entry())),
                Optional.empty(),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv(),
                EngineOptions.DEFAULT_READY_TIMEOUT,
                EngineOptions.DEFAULT_NPM_BUILD,
                store(),
                new SystemBrowser(),
                Optional.empty()));
    }

    @AfterEach
    void stopEngine() throws Exception {
        try {
            // leave nothing in a real keychain
            engine.removeSecret("secrets", "DEMO_API_KEY");
            engine.removeSecret("secrets", "DEMO_OPTIONAL_TOKEN");
        } finally {
            engine.close();
            log.close();
        }
    }

    @Test
    void theSecretReachesTheServerAndRemovingItStopsTheServer() throws Exception {
        ServerView waiting = engine.enable("secrets");
        assertThat(waiting.state()).isEqualTo("needs-secret");
        assertThat(containers()).isEmpty();

        ServerView running = engine.setSecret("secrets", "DEMO_API_KEY", API_KEY);

        assertThat(running.state()).isEqualTo("running");
        Map<String, String> env = serverEnvironment(running);
        assertThat(env)
                .containsEntry("DEMO_API_KEY", API_KEY)
                .containsEntry("DEMO_REGION", "eu")
                .doesNotContainKey("DEMO_OPTIONAL_TOKEN");
        // only the environment carries it: not the labels, the name or the command of the container
        JsonNode inspect = Json.mapper()
                .readTree(DockerCli.run("inspect", containers().getFirst()))
                .get(0);
        assertThat(inspect.path("Config").path("Labels").toString()).doesNotContain(API_KEY);
        assertThat(inspect.path("Config").path("Cmd").toString()).doesNotContain(API_KEY);
        assertThat(inspect.path("Name").asString()).doesNotContain(API_KEY);

        ServerView removed = engine.removeSecret("secrets", "DEMO_API_KEY");

        assertThat(removed.state()).isEqualTo("needs-secret");
        assertThat(removed.detail()).isEqualTo("Waiting for your DEMO_API_KEY (Your key for the demo API).");
        assertThat(containers()).isEmpty();
        assertThatThrownBy(() -> serverEnvironment(running)).isNotNull();
        assertNoValueWritten();
    }

    @Test
    void anOptionalSecretIsPassedOnceStoredAndARunningServerRestartsWithIt() throws Exception {
        engine.setSecret("secrets", "DEMO_API_KEY", API_KEY);
        ServerView first = engine.enable("secrets");
        assertThat(serverEnvironment(first)).doesNotContainKey("DEMO_OPTIONAL_TOKEN");
        String firstContainer = containers().getFirst();

        ServerView restarted = engine.setSecret("secrets", "DEMO_OPTIONAL_TOKEN", OPTIONAL_TOKEN);

        assertThat(restarted.state()).isEqualTo("running");
        assertThat(containers()).hasSize(1).doesNotContain(firstContainer);
        assertThat(serverEnvironment(restarted))
                .containsEntry("DEMO_API_KEY", API_KEY)
                .containsEntry("DEMO_OPTIONAL_TOKEN", OPTIONAL_TOKEN);

        ServerView without = engine.removeSecret("secrets", "DEMO_OPTIONAL_TOKEN");

        assertThat(without.state()).isEqualTo("running");
        assertThat(serverEnvironment(without))
                .containsEntry("DEMO_API_KEY", API_KEY)
                .doesNotContainKey("DEMO_OPTIONAL_TOKEN");
        assertNoValueWritten();
    }

    @Test
    void aStoredSecretIsUsedWhenAirlockStartsAgain() throws Exception {
        engine.setSecret("secrets", "DEMO_API_KEY", API_KEY);
        engine.enable("secrets");
        engine.close();

        // the same store: the keychain across a restart, or memory within one process
        engine = AirlockEngine.start(new EngineOptions(
                new Catalog(List.of(entry())),
                Optional.empty(),
                StateDirectory.at(stateDir),
                0,
                System.getenv(),
                EngineOptions.DEFAULT_READY_TIMEOUT,
                EngineOptions.DEFAULT_NPM_BUILD,
                store(),
                new SystemBrowser(),
                Optional.empty()));
        ServerView view = engine.enable("secrets"); // waits for the start the restore began

        assertThat(view.state()).isEqualTo("running");
        assertThat(view.secrets().getFirst().stored()).isTrue();
        assertThat(serverEnvironment(view)).containsEntry("DEMO_API_KEY", API_KEY);
    }

    /** What the server reports as its environment, asked through the gateway as an AI app asks. */
    private Map<String, String> serverEnvironment(ServerView server) throws ControlException {
        String token = engine.issueClientToken("secrets-it").bearerToken();
        try (McpSyncClient client = McpClients.connect(server.url(), token)) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("get-env", Map.of()));
            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            String text = ((McpSchema.TextContent) result.content().getFirst()).text();
            return Json.mapper().readerForMapOf(String.class).readValue(text);
        }
    }

    private List<String> containers() {
        return DockerCli.containersWithLabel(Labels.SERVER_NAME, serverName);
    }

    /** Neither Airlock's log nor any file it wrote holds a value. */
    private void assertNoValueWritten() throws IOException {
        assertThat(log.text()).contains("Stored DEMO_API_KEY for secrets").doesNotContain(API_KEY, OPTIONAL_TOKEN);
        try (Stream<Path> files = Files.walk(stateDir)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).isNotEmpty();
            for (Path file : written) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as(file.toString()).doesNotContain(API_KEY, OPTIONAL_TOKEN);
            }
        }
    }

    private CatalogEntry entry() {
        var launch = new PackageLaunch(
                PackageLaunch.PackageType.OCI,
                TestImages.EVERYTHING,
                null,
                List.of(),
                List.of(),
                List.of(
                        new EnvironmentVariable("DEMO_API_KEY", "Your key for the demo API", true, true, null),
                        new EnvironmentVariable("DEMO_OPTIONAL_TOKEN", "A token it may use", false, true, null),
                        new EnvironmentVariable("DEMO_REGION", "Region", true, false, "eu")));
        return new CatalogEntry(
                serverName,
                "secrets",
                "Secrets test server",
                "The everything server, given secrets",
                "1.0.0",
                Optional.of(launch),
                List.of(),
                ServerPolicy.DEFAULT,
                Optional.empty(),
                Availability.available());
    }
}
