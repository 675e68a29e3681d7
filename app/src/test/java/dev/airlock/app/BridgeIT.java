package dev.airlock.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code airlock bridge} as a real process, launched and driven over stdio by the official MCP Java
 * SDK client as an AI app that can only launch commands would, against a real daemon that restarts
 * under it.
 */
class BridgeIT {

    @TempDir
    Path stateDir;

    private Process daemon;
    private McpSyncClient client;

    @BeforeAll
    static void images() {
        TestImages.ensureBuilt();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.closeGracefully();
        }
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
        for (String id : DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString())) {
            DockerCli.run("rm", "-f", id);
        }
    }

    @Test
    void anAppThatLaunchesTheBridgeCallsToolsAndKeepsWorkingAcrossARestartOfAirlock() throws Exception {
        int port = freePort();
        daemon = startDaemon(port);
        assertThat(cli("enable", "everything").exitCode()).isZero();

        List<String> bridgeErrors = new CopyOnWriteArrayList<>();
        var transport = new StdioClientTransport(
                ServerParameters.builder(java())
                        .args(
                                "-cp",
                                classPath(),
                                "dev.airlock.app.Main",
                                "bridge",
                                "everything",
                                "--client",
                                "it-app",
                                "--state-dir",
                                stateDir.toString())
                        .build(),
                McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(bridgeErrors::add);
        client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("bridge-it", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(60))
                .build();

        McpSchema.InitializeResult initialized = client.initialize();
        assertThat(initialized.serverInfo()).isNotNull();
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("echo");
        assertThat(echo("before the restart")).isEqualTo("Echo: before the restart");

        daemon.destroy(); // SIGTERM: the server's container goes with it, and so does the session
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
        daemon = startDaemon(port);
        // the server was on, so the new instance starts it again; enable waits until it runs
        assertThat(cli("enable", "everything").exitCode()).isZero();

        assertThat(echo("after the restart")).isEqualTo("Echo: after the restart");

        // the calls went through the gateway under the bridge's own token name, and the app's name
        JsonNode calls = Json.mapper().readTree(cli("activity", "--json").out());
        assertThat(calls).anySatisfy(call -> {
            assertThat(call.path("client").asString()).isEqualTo("bridge-it-app");
            assertThat(call.path("clientApp").asString()).isEqualTo("bridge-it");
            assertThat(call.path("target").asString()).isEqualTo("echo");
            assertThat(call.path("outcome").asString()).isEqualTo("ok");
        });
        // the token is kept owner-only in the state directory, and never shown
        String token = Files.readString(stateDir.resolve("bridge-tokens/bridge-it-app.token"));
        assertThat(token).startsWith("alk_");
        assertThat(bridgeErrors).noneMatch(line -> line.contains(token));
    }

    @Test
    void withAllTheAppSeesEveryRunningServersToolsByPrefix() throws Exception {
        daemon = startDaemon(freePort());
        assertThat(cli("enable", "everything").exitCode()).isZero();
        var transport = new StdioClientTransport(
                ServerParameters.builder(java())
                        .args(
                                "-cp",
                                classPath(),
                                "dev.airlock.app.Main",
                                "bridge",
                                "--all",
                                "--state-dir",
                                stateDir.toString())
                        .build(),
                McpJsonDefaults.getMapper());
        client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("bridge-it-all", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(60))
                .build();

        assertThat(client.initialize().serverInfo().name()).isEqualTo("airlock");
        assertThat(client.listTools().tools())
                .extracting(McpSchema.Tool::name)
                .contains("everything.echo", "everything.get-sum");
        var result = client.callTool(new McpSchema.CallToolRequest("everything.echo", Map.of("message", "all")));
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text()).isEqualTo("Echo: all");
    }

    private String echo(String message) {
        var result = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", message)));
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        return System.getProperty("airlock.appJar") + File.pathSeparator + System.getProperty("airlock.libDir")
                + File.separator + "*";
    }

    private Process startDaemon(int port) throws Exception {
        Path registry = TestImages.repositoryRoot().resolve("dev/registry/test-servers.json");
        Path log = Files.createTempFile(stateDir.getParent(), "daemon", ".log");
        Process process = new ProcessBuilder(
                        java(),
                        "-cp",
                        classPath(),
                        "dev.airlock.app.Main",
                        "daemon",
                        "--registry",
                        registry.toString(),
                        "--state-dir",
                        stateDir.toString(),
                        "--gateway-port",
                        Integer.toString(port))
                .redirectOutput(log.toFile())
                .redirectError(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(
                                "The daemon exited with " + process.exitValue() + ": " + Files.readString(log));
                    }
                    return cli("status").exitCode() == 0;
                });
        return process;
    }

    private CliRun cli(String... args) {
        return CliRun.of(stateDir, args);
    }
}
