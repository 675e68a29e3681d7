package dev.airlock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.app.cli.Cli;
import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.UserView;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer does with the demo organization, from the command line: sign in as a demo person,
 * see that team's catalog, turn a server on (built from npm), and make a tool call through the gateway.
 */
class DemoOrganizationIT {

    @TempDir
    Path stateDir;

    private Process daemon;

    @BeforeAll
    static void images() {
        TestImages.ensureBuilt(); // the demo builds its npm servers on local/node-base:test
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(60, TimeUnit.SECONDS);
        }
        for (String id : DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString())) {
            DockerCli.run("rm", "-f", id);
        }
    }

    @Test
    void signInSeeTheTeamsCatalogTurnAServerOnAndCallATool() throws Exception {
        startDemoDaemon("alex.rivera");
        EngineStatus before = Json.mapper().readValue(cli("status", "--json").out(), EngineStatus.class);
        assertThat(before.company().name()).isEqualTo("Example Corp (demo)");
        assertThat(before.user()).isNull();
        assertThat(before.servers()).isEmpty();

        CliResult signIn = cli("signin", "--json");
        assertThat(signIn.exitCode()).as(signIn.err()).isZero();
        UserView user = Json.mapper().readValue(signIn.out(), UserView.class);
        assertThat(user.name()).isEqualTo("Alex Rivera");
        assertThat(user.roles()).containsExactly("engineering");

        // the engineering team's catalog: not the sales team's Memory server
        List<ServerView> servers =
                List.of(Json.mapper().readValue(cli("servers", "--json").out(), ServerView[].class));
        assertThat(servers).extracting(ServerView::shortName).containsExactly("everything", "filesystem", "weather");

        CliResult enable = cli("enable", "everything");
        assertThat(enable.exitCode()).as(enable.err()).isZero();
        ClientConnection connection =
                Json.mapper().readValue(cli("client-token", "demo-it", "--json").out(), ClientConnection.class);
        String token = connection.bearerToken();
        try (var client = McpClients.connect(connection.servers().get("everything"), token)) {
            client.initialize();
            var result =
                    client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", "hello, Example Corp")));
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                    .isEqualTo("Echo: hello, Example Corp");
        }

        assertThat(cli("signout").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> DockerCli.containersWithLabel(Labels.STATE_DIR, stateDir.toString())
                        .isEmpty());
        assertThat(cli("servers", "--json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void theSalesTeamSeesItsOwnCatalog() throws Exception {
        startDemoDaemon("sam.lee");

        assertThat(cli("signin").exitCode()).isZero();

        List<ServerView> servers =
                List.of(Json.mapper().readValue(cli("servers", "--json").out(), ServerView[].class));
        assertThat(servers).extracting(ServerView::shortName).containsExactly("everything", "memory", "weather");
    }

    private void startDemoDaemon(String person) throws Exception {
        String classPath = String.join(
                File.pathSeparator,
                System.getProperty("airlock.appJar"),
                System.getProperty("airlock.libDir") + File.separator + "*",
                System.getProperty("airlock.demoJar"),
                System.getProperty("airlock.demoLibDir") + File.separator + "*");
        var command = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        "dev.airlock.app.Main",
                        "daemon",
                        "--demo",
                        "--state-dir",
                        stateDir.toString(),
                        "--gateway-port",
                        "0")
                .redirectErrorStream(true)
                .redirectOutput(stateDir.getParent().resolve("demo-daemon.log").toFile());
        command.environment()
                .put(
                        "BROWSER",
                        TestImages.repositoryRoot()
                                .resolve("dev/demo-browser.sh")
                                .toString());
        command.environment().put("AIRLOCK_DEMO_PERSON", person);
        daemon = command.start();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!daemon.isAlive()) {
                        throw new AssertionError("The demo daemon exited with " + daemon.exitValue());
                    }
                    return cli("status").exitCode() == 0;
                });
    }

    record CliResult(int exitCode, String out, String err) {}

    private CliResult cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var env = new HashMap<>(System.getenv());
        env.put("AIRLOCK_STATE_DIR", stateDir.toString());
        int code;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new Cli(outStream, errStream, env).run(args);
        }
        return new CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
