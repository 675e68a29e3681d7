package dev.airlock.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** {@code /Library/Managed Preferences/dev.airlock.plist}, as a configuration profile leaves it. */
class MacManagedPreferencesTest {

    @TempDir
    Path dir;

    private Path plist() {
        return dir.resolve("Library/Managed Preferences/dev.airlock.plist");
    }

    private static final MacManagedPreferences.PlistConverter NO_PLUTIL = file -> {
        throw new IOException("plutil is not available on this computer");
    };

    @Test
    void anXmlPropertyListBecomesATree() throws Exception {
        Samples.copy("dev.airlock.plist", plist());

        ObjectNode tree = new MacManagedPreferences(plist(), NO_PLUTIL).read().orElseThrow();

        assertThat(tree.get("gatewayPort").longValue()).isEqualTo(50000);
        assertThat(tree.get("allowLocalServers").booleanValue()).isFalse();
        assertThat(tree.get("oidcScopes"))
                .isEqualTo(Json.mapper()
                        .createArrayNode()
                        .add("openid")
                        .add("profile")
                        .add("offline_access"));
        assertThat(tree.get("images").get("nodeBase").stringValue())
                .isEqualTo("registry.acme.example/mirror/node:22-bookworm-slim");
        assertThat(tree.get("auditOtlpEndpoint").doubleValue()).isEqualTo(4318.5);
        assertThat(tree.has("PayloadDisplayName")).as("profile bookkeeping").isFalse();
        assertThat(tree.has("PayloadDisplayName")).as("profile bookkeeping").isFalse();
    }

    @Test
    void theCompanysSettingsApply() {
        Samples.copy("dev.airlock.plist", plist());

        Settings settings =
                new SettingsStore(new MacManagedPreferences(plist(), NO_PLUTIL), dir.resolve("s.json")).settings();

        assertThat(settings.registryUrl()).contains(URI.create("https://registry.acme.example"));
        assertThat(settings.oidcClientId()).contains("airlock-desktop");
        assertThat(settings.oidcScopes()).containsExactly("openid", "profile", "offline_access");
        assertThat(settings.gatewayPort()).isEqualTo(50000);
        assertThat(settings.updateChannel()).isEqualTo(UpdateChannel.BETA);
        assertThat(settings.nodeBaseImage()).isEqualTo("registry.acme.example/mirror/node:22-bookworm-slim");
        assertThat(settings.inspectionDefaults())
                .contains(Json.mapper()
                        .createObjectNode()
                        .put("secrets", "redact")
                        .put("pii", "warn"));
        assertThat(settings.extraCaCertificates()).contains(Path.of("/Library/Application Support/Acme/corp-ca.pem"));
        assertThat(settings.locked(SettingKey.ALLOW_LOCAL_SERVERS)).isTrue();
        // a <real> is no URL
        assertThat(settings.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.key()).isEqualTo("auditOtlpEndpoint"));
    }

    @Test
    void aBinaryPropertyListIsConvertedFirst() throws Exception {
        Files.createDirectories(plist().getParent());
        Files.write(plist(), "bplist00\u0000\u0001binary".getBytes(StandardCharsets.ISO_8859_1));
        byte[] xml = Samples.bytes("dev.airlock.plist");

        ObjectNode tree = new MacManagedPreferences(plist(), file -> {
                    assertThat(file).isEqualTo(plist());
                    return xml;
                })
                .read()
                .orElseThrow();

        assertThat(tree.get("updateChannel").stringValue()).isEqualTo("beta");
    }

    @Test
    void aBinaryPropertyListWithoutPlutilIsAClearError() throws Exception {
        Files.createDirectories(plist().getParent());
        Files.write(plist(), "bplist00\u0000\u0001binary".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> new MacManagedPreferences(plist(), NO_PLUTIL).read())
                .isInstanceOf(SettingsSourceException.class)
                .hasMessageContaining("binary property list")
                .hasMessageContaining("plutil is not available");
    }

    @Test
    void noFileMeansNoManagedSettings() throws Exception {
        assertThat(new MacManagedPreferences(plist(), NO_PLUTIL).read()).isEmpty();
    }

    @Test
    void externalEntitiesAreNeverRead() {
        Samples.copy("external-entity.plist", plist());

        Settings settings =
                new SettingsStore(new MacManagedPreferences(plist(), NO_PLUTIL), dir.resolve("s.json")).settings();

        assertThat(settings.toString()).doesNotContain("root:");
        assertThat(settings.oidcClientId()).isEmpty();
    }

    @Test
    void malformedPropertyListsAreClearErrors() {
        for (String bad : new String[] {
            "<plist><dict><key>a</key></dict></plist>",
            "<plist><array/></plist>",
            "<html/>",
            "<plist><dict><key>gatewayPort</key><integer>lots</integer></dict></plist>",
            "not xml at all"
        }) {
            Samples.write(plist(), bad);

            assertThatThrownBy(() -> new MacManagedPreferences(plist(), NO_PLUTIL).read())
                    .as(bad)
                    .isInstanceOf(SettingsSourceException.class)
                    .hasMessageStartingWith("The managed preferences file " + plist() + " cannot be read: ");
        }
    }
}
