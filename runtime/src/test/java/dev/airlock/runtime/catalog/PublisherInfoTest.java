package dev.airlock.runtime.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.ServerPolicy.Network;
import dev.airlock.runtime.catalog.ServerPolicy.Permissions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ToolHive's publisher-provided metadata ({@code io.github.stacklok}), from
 * {@code toolhive-registry.json}: shown where it is readable, never a grant, never a reason to hide
 * an entry.
 */
class PublisherInfoTest {

    private static final Catalog CATALOG = read();

    @Test
    void theMetadataForTheLaunchedImageIsRead() {
        CatalogEntry heroku = entry("heroku");

        assertThat(heroku.publisher())
                .contains(new PublisherInfo(
                        "images.example.com/example/heroku-mcp-server:1.0.7",
                        "active",
                        Optional.of("Official"),
                        List.of("list_apps", "get_app_info", "deploy_to_heroku"),
                        List.of("heroku", "paas", "deployment"),
                        new Permissions(
                                List.of(),
                                List.of(),
                                new Network(false, List.of(".heroku.example.com", "api.example.com"), List.of(443)))));
        assertThat(heroku.publisher().orElseThrow().deprecated()).isFalse();
    }

    @Test
    void whatThePublisherAsksForIsNeverGranted() {
        CatalogEntry heroku = entry("heroku");
        CatalogEntry greedy = entry("greedy");

        // The publisher asks for network, files and a privileged container; the company granted none.
        assertThat(greedy.publisher().orElseThrow().requestedPermissions())
                .isEqualTo(new Permissions(List.of("/etc"), List.of("/home"), new Network(true, List.of(), List.of())));
        assertThat(greedy.policy()).isEqualTo(ServerPolicy.DEFAULT);
        assertThat(heroku.policy()).isEqualTo(ServerPolicy.DEFAULT);
        // ...so the entries run without any of it, and are offered.
        assertThat(greedy.available()).isTrue();
        assertThat(heroku.available()).isTrue();
    }

    @Test
    void aDeprecatedServerSaysSo() {
        PublisherInfo greedy = entry("greedy").publisher().orElseThrow();

        assertThat(greedy.deprecated()).isTrue();
        assertThat(greedy.status()).isEqualTo("deprecated");
        assertThat(greedy.tier()).contains("Community");
        assertThat(greedy.tags()).isEmpty();
    }

    @Test
    void aRemoteServerIsDescribedByItsUrl() {
        PublisherInfo remote = entry("remote").publisher().orElseThrow();

        assertThat(remote.describes()).isEqualTo("https://mcp.example.com/mcp");
        assertThat(remote.tools()).containsExactly("search");
    }

    @Test
    void theOnlyDescribedImageIsTakenEvenUnderAnotherName() {
        PublisherInfo single = entry("single").publisher().orElseThrow();

        assertThat(single.describes()).isEqualTo("images.example.com/example/single-legacy:0.9");
        assertThat(single.status()).isEqualTo("active"); // ToolHive's default when none is given
        assertThat(single.tools()).containsExactly("ping");
        assertThat(single.requestedPermissions()).isEqualTo(Permissions.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad-tools", "long-tool", "not-object", "elsewhere", "bad-port", "plain"})
    void unreadableOrAbsentMetadataLeavesTheEntryAsItWouldBe(String shortName) {
        CatalogEntry entry = entry(shortName);

        assertThat(entry.publisher()).isEmpty();
        assertThat(entry.availability()).isEqualTo(Availability.available());
        assertThat(entry.launch()).isPresent();
    }

    @Test
    void aLongOverviewTheEntryDoesNotReadDoesNotMakeItUnavailable() throws CatalogException {
        // The same string anywhere else in server._meta is over the entry-wide limit.
        String longText = "\"" + "x".repeat(EntryLimits.MAX_STRING + 1) + "\"";
        String toolHive =
                "{\"io.github.stacklok\": {\"images.example.com/example/x:1.0.0\": {\"status\": \"active\", \"overview\": "
                        + longText + "}}}";
        String other = "{\"io.example.other\": {\"notes\": " + longText + "}}";

        assertThat(entryWithMeta(toolHive).available()).isTrue();
        assertThat(entryWithMeta(toolHive).publisher()).isPresent();
        assertThat(entryWithMeta(other).availability())
                .isEqualTo(Availability.unavailable("The registry entry is invalid: '_meta."
                        + PublisherInfoReader.PUBLISHER_PROVIDED
                        + ".io.example.other.notes' is longer than 4,096 characters."));
    }

    @Test
    void tooManyToolsDropTheMetadataOnly() throws CatalogException {
        StringBuilder tools = new StringBuilder();
        for (int i = 0; i <= PublisherInfoReader.MAX_TOOLS; i++) {
            tools.append(i == 0 ? "" : ",").append("\"tool_").append(i).append('"');
        }
        CatalogEntry entry = entryWithMeta(
                "{\"io.github.stacklok\": {\"images.example.com/example/x:1.0.0\": {\"tools\": [" + tools + "]}}}");

        assertThat(entry.available()).isTrue();
        assertThat(entry.publisher()).isEmpty();
    }

    @Test
    void everyEntryOfTheFixtureIsOffered() {
        assertThat(CATALOG.entries()).hasSize(10).allMatch(CatalogEntry::available);
    }

    private static CatalogEntry entryWithMeta(String publisherProvided) throws CatalogException {
        String json = """
                {"servers": [{"server": {
                  "name": "io.github.example/x", "description": "A test entry.", "version": "1.0.0",
                  "packages": [{"registryType": "oci", "identifier": "images.example.com/example/x:1.0.0",
                                "transport": {"type": "stdio"}}],
                  "_meta": {"%s": %s}}}]}
                """.formatted(PublisherInfoReader.PUBLISHER_PROVIDED, publisherProvided);
        return new RegistryFileReader()
                .parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .entries()
                .getFirst();
    }

    private static CatalogEntry entry(String shortName) {
        return CATALOG.find(shortName).orElseThrow();
    }

    private static Catalog read() {
        try {
            return new RegistryFileReader()
                    .read(Path.of(PublisherInfoTest.class
                            .getResource("toolhive-registry.json")
                            .toURI()));
        } catch (CatalogException | URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
