package dev.airlock.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlServer;
import dev.airlock.runtime.gateway.InspectionSetup;
import dev.airlock.runtime.state.StateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.StringNode;

/**
 * A company policy that cannot be used reaches the person: the engine's status, as the command line
 * and the app read it over the control socket, says which part is not in force and what stands in.
 */
@Timeout(60)
class EnginePolicyProblemsTest {

    @TempDir
    Path dir;

    @Test
    void aRulesFileThatDoesNotLoadAndAnUnknownDefaultAreInTheStatus() throws Exception {
        Path rules = dir.resolve("acme-rules.toml");
        Files.writeString(rules, "[[rules]\nid = \"broken\n");
        var state = StateDirectory.at(dir.resolve("state")).create();
        try (var engine = AirlockEngine.start(EngineOptions.of(
                                Catalog.EMPTY,
                                state,
                                0,
                                Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-such-docker.sock")))
                        .withInspection(
                                new InspectionSetup(Optional.of(StringNode.valueOf("hide")), Optional.of(rules))));
                var control = new ControlServer(state, engine, "test")) {
            control.start();

            var problems = new ControlClient(state).status().policyProblems();

            assertThat(problems).hasSize(2);
            assertThat(problems.get(0))
                    .startsWith("The managed setting inspection.defaults is not used: 'hide' is not")
                    .endsWith("Airlock redacts secrets and records personal data until it is fixed.");
            assertThat(problems.get(1))
                    .startsWith("Your company's inspection rules (" + rules + ") are not used: ")
                    .endsWith("Airlock's built-in rules stay in force.");
        }
    }

    @Test
    void aPolicyAllInForceHasNoProblems() throws Exception {
        var state = StateDirectory.at(dir.resolve("state")).create();
        try (var engine = AirlockEngine.start(EngineOptions.of(
                        Catalog.EMPTY, state, 0, Map.of("DOCKER_HOST", "unix://" + dir.resolve("none.sock"))));
                var control = new ControlServer(state, engine, "test")) {
            control.start();
            assertThat(new ControlClient(state).status().policyProblems()).isEmpty();
        }
    }
}
