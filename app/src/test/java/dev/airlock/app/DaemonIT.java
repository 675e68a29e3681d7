package dev.airlock.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code airlock daemon} as a real process, driven by the real command line over its control socket:
 * the path a user takes, including the worst way an instance can end.
 */
class DaemonIT {

    @TempDir
    Path stateDir;

    private final List<Process> daemons = new ArrayList<>();

    @BeforeAll
    static void images() {
        TestImages.ensureBuilt();
    }

    @AfterEach
    void stopDaemons() throws Exception {
        for (Process daemon : daemons) {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
        // whatever a failed test left behind must not leak into the next one
        for (String id : DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString())) {
            DockerCli.run("rm", "-f", id);
        }
    }

    @Test
    void commandLineDrivesTheDaemonAndAnMcpClientReachesTheServer() throws Exception {
        startDaemon();

        CliRun enable = cli("enable", "everything", "--json");
        assertThat(enable.exitCode()).as(enable.err()).isZero();
        ServerView view = Json.mapper().readValue(enable.out(), ServerView.class);
        assertThat(view.state()).isEqualTo("running");
        assertThat(view.url()).matches("http://127\\.0\\.0\\.1:\\d+/mcp/everything");

        EngineStatus status = Json.mapper().readValue(cli("status", "--json").out(), EngineStatus.class);
        assertThat(status.gatewayUrl()).startsWith("http://127.0.0.1:");
        assertThat(status.containerEngine()).contains("Docker");
        assertThat(status.servers())
                .extracting(ServerView::shortName, ServerView::state)
                .contains(tuple("everything", "running"), tuple("memory", "off"), tuple("filesystem", "unavailable"));

        ClientConnection connection = Json.mapper()
                .readValue(cli("client-token", "daemon-it", "--json").out(), ClientConnection.class);
        String token = connection.bearerToken();
        try (var client = McpClients.connect(connection.servers().get("everything"), token)) {
            client.initialize();
            var result = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "via the CLI")));
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                    .isEqualTo("Echo: via the CLI");
        }

        CliRun unknown = cli("enable", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().lines())
                .singleElement()
                .asString()
                .startsWith("airlock: There is no server named 'nope'");

        CliRun refused = cli("enable", "filesystem");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("needs access to files on your computer");

        assertThat(cli("disable", "everything").exitCode()).isZero();
        assertThat(DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString()))
                .isEmpty();
    }

    @Test
    void afterKillDashNineNothingFromTheOldInstanceIsLeftRunningUnmanaged() throws Exception {
        Process first = startDaemon();
        assertThat(cli("enable", "everything").exitCode()).isZero();
        List<String> before = DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString());
        assertThat(before).hasSize(1);
        String oldInstance = instanceOf(before.getFirst());

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        // the container outlived its manager: exactly the situation the next start must clean up
        assertThat(DockerCli.containersWithLabel(Labels.INSTANCE, oldInstance)).containsExactlyElementsOf(before);
        assertThat(cli("status").exitCode()).isEqualTo(1);

        startDaemon();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> DockerCli.containersWithLabel(Labels.INSTANCE, oldInstance)
                        .isEmpty());
        // the server the user had turned on is back, in a container the new instance manages
        await().atMost(Duration.ofSeconds(60)).until(() -> stateOf("everything").equals("running"));
        List<String> after = DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString());
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(instanceOf(after.getFirst())).isNotEqualTo(oldInstance);
    }

    @Test
    void aSecondDaemonOnTheSameStateDirectoryIsRefused() throws Exception {
        startDaemon();

        Process second = daemonProcess();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(err).contains("Airlock is already running with the state directory " + stateDir);
    }

    @Test
    void stoppingTheDaemonRemovesItsContainersAndSocket() throws Exception {
        Process daemon = startDaemon();
        assertThat(cli("enable", "everything").exitCode()).isZero();

        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran on that signal
        assertThat(daemon.exitValue()).isIn(0, 143);
        assertThat(DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString()))
                .isEmpty();
        assertThat(stateDir.resolve("control.sock")).doesNotExist();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private Process startDaemon() throws Exception {
        Process daemon = daemonProcess();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!daemon.isAlive()) {
                        throw new AssertionError("The daemon exited with " + daemon.exitValue() + ": "
                                + new String(daemon.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                    }
                    return cli("status").exitCode() == 0;
                });
        return daemon;
    }

    private Process daemonProcess() throws Exception {
        String classPath = System.getProperty("airlock.appJar") + File.pathSeparator
                + System.getProperty("airlock.libDir") + File.separator + "*";
        Path registry = TestImages.repositoryRoot().resolve("dev/registry/test-servers.json");
        Path log = Files.createTempFile(stateDir.getParent(), "daemon", ".log");
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "dev.airlock.app.Main",
                "daemon",
                "--registry",
                registry.toString(),
                "--state-dir",
                stateDir.toString(),
                "--gateway-port",
                "0");
        Process process =
                new ProcessBuilder(command).redirectOutput(log.toFile()).start();
        daemons.add(process);
        return process;
    }

    private String stateOf(String server) throws Exception {
        CliRun servers = cli("servers", "--json");
        if (servers.exitCode() != 0) {
            return "unreachable";
        }
        for (JsonNode entry : Json.mapper().readTree(servers.out())) {
            if (entry.path("shortName").asString().equals(server)) {
                return entry.path("state").asString();
            }
        }
        return "missing";
    }

    private static String instanceOf(String containerId) {
        return DockerCli.run("inspect", "-f", "{{index .Config.Labels \"" + Labels.INSTANCE + "\"}}", containerId);
    }

    private CliRun cli(String... args) {
        return CliRun.of(stateDir, args);
    }
}
