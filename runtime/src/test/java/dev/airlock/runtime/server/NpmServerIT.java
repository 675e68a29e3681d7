package dev.airlock.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.container.NpmImageBuilder;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.DockerCli;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestCatalogs;
import dev.airlock.runtime.testing.TestImages;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server published on npm: built into an image on the company's Node base (with the company CA,
 * since this network inspects TLS), then reached through the gateway like any other.
 */
class NpmServerIT {

    private static final String PACKAGE = "@modelcontextprotocol/server-memory";
    private static final String VERSION = "2026.8.31";

    @TempDir
    Path stateDir;

    @Test
    void npmEntryIsBuiltIntoAnImageAndAnswersToolsListThroughTheGateway() throws Exception {
        TestImages.ensureBuilt();
        String tag = NpmImageBuilder.tagFor(PACKAGE, VERSION);
        try {
            DockerCli.run("rmi", "-f", tag); // build it here, not from an earlier run
        } catch (IllegalStateException absent) {
            // nothing to remove
        }
        var catalog = new Catalog(
                List.of(TestCatalogs.npm("io.github.modelcontextprotocol/memory", "memory", PACKAGE, VERSION)));
        try (var engine = AirlockEngine.start(
                EngineOptions.of(catalog, StateDirectory.at(stateDir).create(), 0, System.getenv())
                        .withNpmBuild(TestImages.npmBuild()))) {
            assertThat(engine.enable("memory").state()).isEqualTo("running");
            String builtImage = DockerCli.run("image", "inspect", "-f", "{{.Id}}", tag);
            assertThat(DockerCli.run(
                            "image",
                            "inspect",
                            "-f",
                            "{{index .Config.Labels \"" + NpmImageBuilder.PACKAGE_LABEL + "\"}}",
                            tag))
                    .isEqualTo(PACKAGE + "@" + VERSION);

            String token = engine.issueClientToken("npm-it").bearerToken();
            try (var client = McpClients.connect(engine.gateway().serverUrl("memory"), token)) {
                client.initialize();
                assertThat(client.listTools().tools())
                        .extracting(McpSchema.Tool::name)
                        .contains("create_entities", "read_graph");
            }

            // the second start uses the image built the first time
            engine.disable("memory");
            assertThat(engine.enable("memory").state()).isEqualTo("running");
            assertThat(DockerCli.run("image", "inspect", "-f", "{{.Id}}", tag)).isEqualTo(builtImage);
        }
    }
}
