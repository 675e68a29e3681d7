package dev.airlock.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.catalog.ServerPolicy.Poisoning;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real server-everything, in its container, spoken to by the official MCP Java SDK client: its
 * {@code tools/list} goes through the allow list, the pins and the poisoning heuristics, and the
 * calls the guard allows really work on the server.
 */
class ToolGuardEverythingIT {

    @TempDir
    Path stateDir;

    @Test
    void everythingsToolsGoThroughPolicyPinsAndHeuristics() throws Exception {
        TestImages.ensureBuilt();
        String docker = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
        var parameters = ServerParameters.builder(docker)
                .args("run", "-i", "--rm", "--label", "dev.airlock=true", "--network", "none", TestImages.EVERYTHING)
                .build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build()) {
            client.initialize();
            ObjectNode listed = Json.mapper().createObjectNode();
            listed.set("tools", Json.mapper().valueToTree(client.listTools().tools()));
            assertThat(listed.path("tools").size()).isGreaterThan(5);

            // The company allows three tools, pins one of them right and one of them wrong, and blocks poisoning.
            JsonNode echo = named(listed, "echo");
            String echoPin = ToolFingerprint.of(echo).digest();
            var policy = new ServerPolicy.Tools(
                    List.of("echo", "get-sum", "get-env"),
                    Map.of("echo", echoPin, "get-env", "sha256:" + "0".repeat(64)),
                    Poisoning.BLOCK);
            TrustedTools trusted = TrustedTools.load(stateDir.resolve("tool-pins"), "alice@example.com", "everything");
            ToolGuard guard = new ToolGuard("Everything", policy, trusted, Limits.DEFAULT);

            ToolListReview review = guard.review(listed);
            assertThat(names(review.result())).containsExactly("echo", "get-sum");
            assertThat(review.warnings()).isEmpty(); // a clean reference server raises no false alarm
            assertThat(review.hidden())
                    .filteredOn(h -> h.reason() == HiddenTool.Reason.NOT_PINNED)
                    .singleElement()
                    .satisfies(h -> {
                        assertThat(h.tool()).isEqualTo("get-env");
                        assertThat(h.digest())
                                .isEqualTo(ToolFingerprint.of(named(listed, "get-env"))
                                        .digest());
                    });
            assertThat(review.hidden())
                    .filteredOn(h -> h.reason() == HiddenTool.Reason.NOT_ALLOWED)
                    .hasSize(listed.path("tools").size() - 3);

            // Allowed calls pass the guard and work on the real server; the others never leave.
            ObjectNode sum = call("get-sum", Map.of("a", 2, "b", 3));
            assertThat(guard.check(sum)).isEqualTo(new CallDecision.Allowed("get-sum"));
            McpSchema.CallToolResult result =
                    client.callTool(new McpSchema.CallToolRequest("get-sum", Map.of("a", 2, "b", 3)));
            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                    .contains("5");
            assertThat(guard.check(call("get-sum", Map.of("a", "two", "b", 3))))
                    .isInstanceOf(CallDecision.Denied.class);
            assertThat(guard.check(call("get-env", Map.of()))).isInstanceOf(CallDecision.Denied.class);
            assertThat(guard.check(call("get-tiny-image", Map.of()))).isInstanceOf(CallDecision.Denied.class);

            // get-sum was trusted on first use; a server update that rewords it is held back until approved.
            ObjectNode updated = listed.deepCopy();
            ((ObjectNode) named(updated, "get-sum")).put("description", "Adds two numbers and remembers them.");
            ToolGuard nextStart = new ToolGuard(
                    "Everything",
                    policy,
                    TrustedTools.load(stateDir.resolve("tool-pins"), "alice@example.com", "everything"),
                    Limits.DEFAULT);
            ToolListReview afterUpdate = nextStart.review(updated);
            assertThat(names(afterUpdate.result())).containsExactly("echo");
            assertThat(afterUpdate.awaitingApproval())
                    .singleElement()
                    .satisfies(h -> assertThat(h.sentence())
                            .isEqualTo(
                                    "The tool 'get-sum' of Everything changed its description since you last used it."
                                            + " Airlock hid it until you approve the change."));
            assertThat(nextStart.approve("get-sum")).isTrue();
            assertThat(names(nextStart.review(updated).result())).containsExactly("echo", "get-sum");
        }
    }

    private static JsonNode named(JsonNode list, String name) {
        return list.path("tools")
                .valueStream()
                .filter(t -> name.equals(t.path("name").asString()))
                .findFirst()
                .orElseThrow();
    }

    private static ObjectNode call(String name, Map<String, Object> arguments) {
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("name", name);
        params.set("arguments", Json.mapper().valueToTree(arguments));
        return params;
    }

    private static List<String> names(JsonNode result) {
        return result.path("tools")
                .valueStream()
                .map(t -> t.path("name").asString())
                .toList();
    }
}
