package dev.airlock.runtime.gateway.contract;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP Inspector's CLI ({@code mcp-inspector --cli}, from the {@code @modelcontextprotocol/inspector}
 * package), as a script or CI job uses it: one process per request, {@code --format json}, the server
 * and its {@code Authorization} header in a config file (so the token is not on a command line).
 *
 * <p>It runs one request per process and prints only the final result, so it has no ping, cannot show
 * progress and cannot cancel; those scenarios are skipped for it, with that reason.
 */
record InspectorCliClient(NodeClients clients) implements ContractClient {

    @Override
    public String name() {
        return "inspector-cli";
    }

    @Override
    public Optional<String> cannot(Scenario scenario) {
        return switch (scenario) {
            case PING ->
                Optional.of("the Inspector CLI has no ping method (it offers initialize, tools/*, "
                        + "resources/*, prompts/*, logging/setLevel and a few others)");
            case PROGRESS -> Optional.of("the Inspector CLI prints only a call's final result, not its progress");
            case CANCEL -> Optional.of("the Inspector CLI runs one request per process and cannot cancel it");
            default -> Optional.empty();
        };
    }

    @Override
    public Map<Scenario, Outcome> run(Target target, String url, String token, List<Scenario> scenarios)
            throws Exception {
        Path home = Files.createTempDirectory("airlock-inspector-home");
        Path config = home.resolve("mcp.json");
        ObjectNode server = Json.mapper().createObjectNode();
        server.put("type", "streamable-http");
        server.put("url", url);
        server.putObject("headers").put("Authorization", "Bearer " + token);
        ObjectNode file = Json.mapper().createObjectNode();
        file.putObject("mcpServers").set("gateway", server);
        Files.writeString(
                Files.createFile(
                        config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                Json.mapper().writeValueAsString(file));

        try {
            Map<Scenario, Outcome> outcomes = new EnumMap<>(Scenario.class);
            for (Scenario scenario : scenarios) {
                outcomes.put(scenario, run(scenario, scenario.params(target), home, config));
            }
            return outcomes;
        } finally {
            deleteTree(home); // the token, and what the Inspector kept under its home
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Outcome run(Scenario scenario, ObjectNode params, Path home, Path config) throws Exception {
        return switch (scenario.kind()) {
            case "initialize", "tools-list" -> {
                JsonNode reply = inspector(
                        home,
                        config,
                        scenario.kind().equals("initialize")
                                ? List.of("--method", "initialize")
                                : List.of("--method", "tools/list"));
                yield reply.has("result")
                        ? new Outcome(true, reply.path("result"), null)
                        : new Outcome(false, null, reply);
            }
            case "call" -> {
                JsonNode reply = inspector(
                        home,
                        config,
                        List.of(
                                "--method", "tools/call",
                                "--tool-name", params.path("name").asString(),
                                "--tool-args-json", Ascii.json(params.path("arguments"))));
                // a call's error is what the scenario may be about: the observation holds it as {"error"}
                yield new Outcome(true, reply, null);
            }
            case "prompts" -> {
                JsonNode list = inspector(home, config, List.of("--method", "prompts/list"));
                JsonNode get = inspector(
                        home,
                        config,
                        List.of(
                                "--method",
                                "prompts/get",
                                "--prompt-name",
                                params.path("name").asString()));
                yield both("prompts", list.path("result").path("prompts"), "get", get);
            }
            case "resources" -> {
                JsonNode list = inspector(home, config, List.of("--method", "resources/list"));
                JsonNode read = inspector(
                        home,
                        config,
                        List.of(
                                "--method",
                                "resources/read",
                                "--uri",
                                params.path("uri").asString()));
                yield both("resources", list.path("result").path("resources"), "read", read);
            }
            default -> throw new IllegalArgumentException("The Inspector CLI cannot run " + scenario);
        };
    }

    private static Outcome both(String listName, JsonNode list, String itemName, JsonNode itemReply) {
        if (!itemReply.has("result")) {
            return new Outcome(false, null, itemReply);
        }
        ObjectNode observation = Json.mapper().createObjectNode();
        observation.set(listName, list);
        observation.set(itemName, itemReply.path("result"));
        return new Outcome(true, observation, null);
    }

    /** One Inspector CLI run: its JSON reply, {@code {"result"}} or {@code {"error"}}. */
    private JsonNode inspector(Path home, Path config, List<String> request) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                clients.node().toString(),
                clients.inspector().toString(),
                "--cli",
                "--config",
                config.toString(),
                "--server",
                "gateway",
                "--format",
                "json",
                "--quiet"));
        command.addAll(request);
        // its own home: it keeps a catalog and state under ~/.mcp-inspector; secrets only in memory
        NodeClients.Run run =
                NodeClients.run(command, Map.of("HOME", home.toString(), "MCP_INSPECTOR_SECRET_STORE", "memory"), 2);
        String output = run.stdout().isBlank() ? run.stderr() : run.stdout();
        try {
            return Json.mapper().readTree(output.strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "The Inspector CLI printed no JSON (exit " + run.exitCode() + "):\n" + run.stdout() + run.stderr(),
                    e);
        }
    }
}
