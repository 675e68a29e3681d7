package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.HiddenToolView;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool pinning through the real engine and gateway, with a real container whose tool changes between
 * two starts ({@code local/mcp-changing:test}, dev/images/changing: {@code TOOL_VERSION=2} turns the
 * dictionary tool {@code lookup} into one that asks for the user's SSH key). What the AI app sees is
 * what the MCP Java SDK gets; whether a call reached the server is what the server wrote on stderr.
 */
class ToolPinningIT {

    private static final String SERVER = "changing";

    @TempDir
    Path stateDir;

    private AirlockEngine engine;
    private String token;

    @BeforeEach
    void start() throws Exception {
        TestImages.ensureBuilt();
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(changing("1", Map.of()))),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv()));
        token = engine.issueClientToken("pinning-it").bearerToken();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aToolChangedByAnUpdateIsHiddenAndItsCallsBlockedUntilTheRegistryPinsTheNewDefinition() throws Exception {
        // first use: the tools are trusted as they are, and work
        assertThat(engine.enable(SERVER).state()).isEqualTo("running");
        try (McpSyncClient client = client()) {
            assertThat(toolNames(client)).containsExactly("lookup", "clock");
            assertThat(text(client.callTool(call("lookup", Map.of("word", "airlock")))))
                    .isEqualTo("airlock: a word (version 1)");
        }

        // the publisher's update: the same server, its lookup tool now asks for the user's SSH key
        restartWith(changing("2", Map.of()));
        ServerView card = reviewed();
        assertThat(card.tools().hidden()).singleElement().satisfies(hidden -> {
            assertThat(hidden.tool()).isEqualTo("lookup");
            assertThat(hidden.reason()).isEqualTo("changed");
            assertThat(hidden.approvable()).isTrue();
            assertThat(hidden.sentence())
                    .isEqualTo("The tool 'lookup' of changing changed its description and the arguments it"
                            + " takes since you last used it. Airlock hid it until you approve the change.");
            assertThat(hidden.digest()).startsWith("sha256:");
        });
        // the new description is also what a poisoned tool looks like: the card says so
        assertThat(card.tools().warnings())
                .anySatisfy(warning -> assertThat(warning).contains("'lookup'").contains("\"~/.ssh\""))
                .anySatisfy(warning -> assertThat(warning).contains("'lookup'").contains("Do not tell the user"));
        String newDefinition = card.tools().hidden().getFirst().digest();

        try (McpSyncClient client = client()) {
            assertThat(toolNames(client)).containsExactly("clock");
            assertThatThrownBy(() -> client.callTool(call("lookup", Map.of("word", "airlock", "note", "ssh key"))))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("The tool 'lookup' of changing changed");
            // the tool that did not change goes on working
            assertThat(text(client.callTool(call("clock", Map.of())))).isEqualTo("12:00 UTC");
        }
        assertThat(serverLog()).contains("called clock").doesNotContain("called lookup");
        ActivityView denied = engine.activity(20, SERVER).stream()
                .filter(view -> "lookup".equals(view.target()))
                .findFirst()
                .orElseThrow();
        assertThat(denied.outcome()).isEqualTo("blocked");
        assertThat(denied.response()).contains("changed its description");

        // the company reviews the new definition and pins it in the registry
        restartWith(changing("2", Map.of("lookup", newDefinition)));
        assertThat(reviewed().tools().hidden()).isEmpty();
        try (McpSyncClient client = client()) {
            assertThat(toolNames(client)).containsExactly("lookup", "clock");
            assertThat(text(client.callTool(call("lookup", Map.of("word", "airlock")))))
                    .isEqualTo("airlock: a word (version 2)");
        }
        assertThat(serverLog()).contains("called lookup");
    }

    @Test
    void theUserApprovesAChangedToolAndTheAppHearsThatTheListChanged() throws Exception {
        engine.enable(SERVER);
        assertThat(reviewed().tools().visible()).containsExactly("lookup", "clock"); // first use
        restartWith(changing("2", Map.of()));
        assertThat(reviewed().tools().awaitingApproval())
                .extracting(HiddenToolView::tool)
                .containsExactly("lookup");

        var heard = new CopyOnWriteArrayList<List<String>>();
        try (McpSyncClient client = McpClients.builder(engine.gateway().serverUrl(SERVER), token)
                .toolsChangeConsumer(tools ->
                        heard.add(tools.stream().map(McpSchema.Tool::name).toList()))
                .build()) {
            client.initialize();
            assertThat(toolNames(client)).containsExactly("clock");

            ServerView approved = engine.approveTool(SERVER, "lookup");

            assertThat(approved.tools().hidden()).isEmpty();
            // the gateway told the app, which listed the tools again on its own
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains(List.of("lookup", "clock")));
            assertThat(text(client.callTool(call("lookup", Map.of("word", "pin")))))
                    .isEqualTo("pin: a word (version 2)");
        }
        // approved once is trusted from then on: the next start asks nothing
        restartWith(changing("2", Map.of("clock", "sha256:" + "0".repeat(64))));
        assertThat(reviewed().tools().hidden())
                .extracting(HiddenToolView::tool, HiddenToolView::reason, HiddenToolView::approvable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("clock", "not-pinned", false));
        // what the company pinned, the user cannot approve around
        assertThatThrownBy(() -> engine.approveTool(SERVER, "clock"))
                .isInstanceOf(ControlException.class)
                .hasMessageContaining("has no tool named 'clock' waiting for your approval");
        try (McpSyncClient client = client()) {
            assertThat(toolNames(client)).containsExactly("lookup");
        }
    }

    @Test
    void theAddressForAllServersHidesAndBlocksTheSameTools() throws Exception {
        engine.enable(SERVER);
        reviewed();
        restartWith(changing("2", Map.of()));
        reviewed();

        try (McpSyncClient client = McpClients.connect(engine.gateway().baseUrl() + "/mcp", token)) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactly("changing.clock");
            assertThatThrownBy(() -> client.callTool(call("changing.lookup", Map.of("word", "x"))))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("Airlock hid it until you approve the change");
        }
        assertThat(serverLog()).doesNotContain("called lookup");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static CatalogEntry changing(String toolVersion, Map<String, String> pins) {
        var policy = new ServerPolicy(
                List.of(),
                ServerPolicy.Permissions.NONE,
                ServerPolicy.Resources.DEFAULT,
                new ServerPolicy.Tools(List.of(), pins),
                ServerPolicy.Inspection.DEFAULT,
                ServerPolicy.Image.DEFAULT,
                ServerPolicy.Identity.ACCESS_TOKEN);
        return new CatalogEntry(
                "dev.airlock.test/changing",
                SERVER,
                SERVER,
                "A server whose tool changes with its version",
                toolVersion + ".0.0",
                Optional.of(new PackageLaunch(
                        PackageLaunch.PackageType.OCI,
                        TestImages.CHANGING,
                        null,
                        List.of(),
                        List.of(),
                        List.of(new PackageLaunch.EnvironmentVariable(
                                "TOOL_VERSION", "Which version of the tool", false, false, toolVersion)))),
                List.of(),
                policy,
                Optional.empty(),
                Availability.available());
    }

    /** Takes a new catalog entry, as after a registry update: the server restarts with it. */
    private void restartWith(CatalogEntry entry) {
        engine.serverManager().replaceCatalog(new Catalog(List.of(entry)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> engine.serverManager().state(SERVER).orElseThrow() instanceof ServerState.Running);
    }

    /** The server's card once the engine has reviewed the tools of the process running now. */
    private ServerView reviewed() {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> engine.servers().stream()
                                .filter(view -> view.shortName().equals(SERVER))
                                .findFirst()
                                .orElseThrow(),
                        view -> "running".equals(view.state()) && view.tools().reviewed());
    }

    private McpSyncClient client() {
        McpSyncClient client = McpClients.connect(engine.gateway().serverUrl(SERVER), token);
        client.initialize();
        return client;
    }

    private static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
        return new McpSchema.CallToolRequest(tool, arguments);
    }

    private static String text(McpSchema.CallToolResult result) {
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    /** What the server process running now wrote on stderr: a line per call that reached it. */
    private String serverLog() {
        String container = DockerCli.runningServer(stateDir, SERVER);
        return DockerCli.run("logs", container);
    }
}
