package dev.airlock.runtime.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Availability.Unavailable;
import dev.airlock.runtime.catalog.ServerPolicy.Poisoning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy's {@code tools.poisoning}: warn (the default) or block, read as untrusted input. */
class ToolPoisoningPolicyTest {

    private static final RegistryFileReader READER = new RegistryFileReader();

    @Test
    void withoutTheKeyPoisonedToolsAreOnlyWarnedAbout() throws CatalogException {
        assertThat(entry("{}").policy().tools()).isEqualTo(ServerPolicy.Tools.ALL);
        assertThat(entry("{\"tools\": {\"allow\": [\"a\"]}}").policy().tools().poisoning())
                .isEqualTo(Poisoning.WARN);
    }

    @Test
    void warnAndBlock() throws CatalogException {
        assertThat(entry("{\"tools\": {\"poisoning\": \"warn\"}}")
                        .policy()
                        .tools()
                        .poisoning())
                .isEqualTo(Poisoning.WARN);
        String pin = "sha256:" + "AB".repeat(32);
        assertThat(entry("{\"tools\": {\"poisoning\": \"block\", \"allow\": [\"a\"], \"pins\": {\"a\": \"" + pin
                                + "\"}}}")
                        .policy()
                        .tools())
                .isEqualTo(new ServerPolicy.Tools(List.of("a"), Map.of("a", pin.toLowerCase()), Poisoning.BLOCK));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "Block"   | 'tools.poisoning' must be warn or block
            "off"     | 'tools.poisoning' must be warn or block
            true      | 'tools.poisoning' must be warn or block
            ["block"] | 'tools.poisoning' must be warn or block
            """)
    void otherValuesMakeTheEntryUnavailableWithTheReason(String value, String problem) throws CatalogException {
        assertThat(entry("{\"tools\": {\"poisoning\": " + value + "}}").availability())
                .isEqualTo(new Unavailable("The company policy for this server is invalid: " + problem + "."));
    }

    private static CatalogEntry entry(String policy) throws CatalogException {
        String item = "{\"server\": {\"name\": \"io.example/weather\", \"description\": \"A remote server.\","
                + " \"version\": \"1.0.0\","
                + " \"remotes\": [{\"type\": \"streamable-http\", \"url\": \"https://weather.example.com/mcp\"}]},"
                + " \"_meta\": {\"dev.airlock/policy\": " + policy + "}}";
        var entries =
                READER.parse(("{\"servers\": [" + item + "]}").getBytes(UTF_8)).entries();
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }
}
