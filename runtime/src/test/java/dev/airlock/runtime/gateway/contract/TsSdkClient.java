package dev.airlock.runtime.gateway.contract;

import dev.airlock.runtime.json.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The TypeScript SDK's {@code Client} with its {@code StreamableHTTPClientTransport}, driven by
 * dev/clients/ts-sdk-client.mjs: all scenarios in one session, one process per target.
 */
record TsSdkClient(NodeClients clients) implements ContractClient {

    @Override
    public String name() {
        return "ts-sdk";
    }

    @Override
    public Optional<String> cannot(Scenario scenario) {
        return Optional.empty();
    }

    @Override
    public Map<Scenario, Outcome> run(Target target, String url, String token, List<Scenario> scenarios)
            throws Exception {
        List<String> command = new ArrayList<>(
                List.of(clients.node().toString(), clients.tsClient().toString(), url));
        scenarios.forEach(scenario -> command.add(scenario.commandLine(target)));
        NodeClients.Run run = NodeClients.run(command, Map.of("AIRLOCK_GATEWAY_TOKEN", token), 5);
        Map<Scenario, Outcome> outcomes = new EnumMap<>(Scenario.class);
        for (String line : run.stdout().lines().toList()) {
            JsonNode result = Json.mapper().readTree(line);
            for (Scenario scenario : scenarios) {
                if (scenario.id().equals(result.path("id").asString(null))) {
                    outcomes.put(scenario, Outcome.of(result));
                }
            }
        }
        if (outcomes.size() != scenarios.size()) {
            throw new IllegalStateException("The TypeScript SDK client reported " + outcomes.keySet() + " of "
                    + scenarios + " (exit " + run.exitCode() + "):\n" + run.stdout() + run.stderr());
        }
        return outcomes;
    }
}
