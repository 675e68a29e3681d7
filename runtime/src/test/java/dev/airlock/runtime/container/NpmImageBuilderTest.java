package dev.airlock.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.json.Json;
import org.junit.jupiter.api.Test;

class NpmImageBuilderTest {

    @Test
    void theProgramIsTheBinOfTheSameNameOrTheOnlyOne() throws Exception {
        assertThat(program("@acme/weather", "{\"bin\":\"dist/index.js\"}")).isEqualTo("dist/index.js");
        assertThat(program("@acme/weather", "{\"bin\":{\"helper\":\"h.js\",\"weather\":\"./dist/cli.js\"}}"))
                .isEqualTo("dist/cli.js");
        assertThat(program("@acme/weather", "{\"bin\":{\"weather-mcp\":\"server.js\"}}"))
                .isEqualTo("server.js");
        assertThat(program("plain", "{\"main\":\"lib/main.js\"}")).isEqualTo("lib/main.js");
    }

    @Test
    void aProgramOutsideThePackageOrNoneAtAllIsRefused() {
        assertThatThrownBy(() -> program("evil", "{\"bin\":\"../../etc/passwd\"}"))
                .isInstanceOf(LaunchException.class)
                .hasMessage("The npm package evil names a program outside itself.");
        assertThatThrownBy(() -> program("evil", "{\"bin\":\"/usr/bin/node\"}")).isInstanceOf(LaunchException.class);
        assertThatThrownBy(() -> program("empty", "{\"name\":\"empty\"}"))
                .isInstanceOf(LaunchException.class)
                .hasMessage("The npm package empty names no program to run (no bin).");
    }

    @Test
    void imagesAreTaggedByPackageAndVersion() {
        assertThat(NpmImageBuilder.tagFor("@modelcontextprotocol/server-memory", "2026.8.31"))
                .isEqualTo("airlock/npm-modelcontextprotocol-server-memory:2026.8.31");
        assertThat(NpmImageBuilder.tagFor("left-pad", "1.0.0+build.5")).isEqualTo("airlock/npm-left-pad:1.0.0_build.5");
    }

    private static String program(String name, String packageJson) throws LaunchException {
        return NpmImageBuilder.programOf(name, Json.mapper().readTree(packageJson));
    }
}
