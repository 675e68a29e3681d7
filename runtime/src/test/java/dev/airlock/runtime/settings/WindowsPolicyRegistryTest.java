package dev.airlock.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code reg query HKLM\SOFTWARE\Policies\Airlock /s}, from outputs captured on Windows. */
class WindowsPolicyRegistryTest {

    private static final Map<String, String> WINDOWS_ENV = Map.of("ProgramData", "C:\\ProgramData");

    @TempDir
    Path dir;

    private static ObjectNode parse(String sample) {
        return RegQueryParser.parse(Samples.text(sample), WindowsPolicyRegistry.ROOT_AS_PRINTED, WINDOWS_ENV);
    }

    @Test
    void valuesAndSubkeysBecomeATree() {
        ObjectNode tree = parse("reg-query-full.txt");

        assertThat(tree.get("registryUrl").stringValue()).isEqualTo("https://registry.acme.example");
        assertThat(tree.get("OIDCIssuer").stringValue()).isEqualTo("https://login.acme.example/realms/staff");
        assertThat(tree.get("gatewayPort").longValue()).isEqualTo(50000); // REG_DWORD 0xc350
        assertThat(tree.get("allowLocalServers").longValue()).isEqualTo(1);
        assertThat(tree.get("oidcScopes"))
                .isEqualTo(Json.mapper()
                        .createArrayNode()
                        .add("openid")
                        .add("profile")
                        .add("offline_access"));
        assertThat(tree.get("images").get("nodeBase").stringValue())
                .isEqualTo("registry.acme.example/mirror/node:22-bookworm-slim");
        assertThat(tree.get("inspection").get("defaults"))
                .isEqualTo(Json.mapper()
                        .createObjectNode()
                        .put("secrets", "redact")
                        .put("pii", "warn"));
        assertThat(tree.get("Favourite Colour").stringValue()).isEqualTo("blue with    four spaces");
        assertThat(tree.get("emptyName").stringValue()).isEmpty();
        assertThat(tree.get("auditOtlpEndpoint").isBinary()).isTrue();
        assertThat(tree.has("(Default)")).isFalse();
    }

    @Test
    void expandableStringsGetTheirVariables() {
        ObjectNode tree = parse("reg-query-full.txt");

        assertThat(tree.get("tls").get("extraCaCertificates").stringValue())
                .isEqualTo("C:\\ProgramData\\Acme\\corp-ca.pem");
        assertThat(RegQueryParser.expand("%programdata%\\x;%UNSET%", WINDOWS_ENV))
                .isEqualTo("C:\\ProgramData\\x;%UNSET%");
    }

    @Test
    void aDwordIsUnsigned() {
        ObjectNode tree = RegQueryParser.parse(
                "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Airlock\r\n    gatewayPort    REG_DWORD    0xffffffff\r\n",
                WindowsPolicyRegistry.ROOT_AS_PRINTED,
                Map.of());

        assertThat(tree.get("gatewayPort").longValue()).isEqualTo(4294967295L);
    }

    @Test
    void keysOutsideTheQueriedOneAreNotRead() {
        ObjectNode tree = RegQueryParser.parse("""
                HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\AirlockBeta
                    gatewayPort    REG_DWORD    0x1
                HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Airlock
                    updateChannel    REG_SZ    beta
                """, WindowsPolicyRegistry.ROOT_AS_PRINTED, Map.of());

        assertThat(tree.propertyNames()).containsExactly("updateChannel");
    }

    @Test
    void theCompanysSettingsApplyWithTypesCheckedAndUnknownNamesIgnored() {
        var source = new WindowsPolicyRegistry(() -> Optional.of(Samples.text("reg-query-full.txt")), WINDOWS_ENV);

        Settings settings = new SettingsStore(source, dir.resolve("settings.json")).settings();

        assertThat(settings.registryUrl()).contains(URI.create("https://registry.acme.example"));
        assertThat(settings.oidcIssuer()).contains(URI.create("https://login.acme.example/realms/staff"));
        assertThat(settings.oidcClientId()).contains("airlock-desktop");
        assertThat(settings.oidcScopes()).containsExactly("openid", "profile", "offline_access");
        assertThat(settings.allowLocalServers()).isTrue();
        assertThat(settings.gatewayPort()).isEqualTo(50000);
        assertThat(settings.updateChannel()).isEqualTo(UpdateChannel.BETA);
        assertThat(settings.nodeBaseImage()).isEqualTo("registry.acme.example/mirror/node:22-bookworm-slim");
        assertThat(settings.inspectionDefaults())
                .contains(Json.mapper()
                        .createObjectNode()
                        .put("secrets", "redact")
                        .put("pii", "warn"));
        assertThat(settings.locked(SettingKey.GATEWAY_PORT)).isTrue();
        // REG_BINARY is no URL: reported, not used
        assertThat(settings.auditOtlpEndpoint()).isEmpty();
        assertThat(settings.problems())
                .filteredOn(problem -> problem.key().equals("auditOtlpEndpoint"))
                .singleElement()
                .satisfies(problem -> assertThat(problem.origin()).isEqualTo("HKLM\\SOFTWARE\\Policies\\Airlock"));
    }

    @Test
    void msiPropertiesArriveAsStringsAndAreReadAsTheirTypes() {
        var source = new WindowsPolicyRegistry(() -> Optional.of(Samples.text("reg-query-msi-strings.txt")), Map.of());

        Settings settings = new SettingsStore(source, dir.resolve("settings.json")).settings();

        assertThat(settings.oidcRoleClaims()).containsExactly("groups", "department");
        assertThat(settings.gatewayPort()).isEqualTo(47300);
        assertThat(settings.allowLocalServers()).isFalse();
        assertThat(settings.get(SettingKey.ALLOW_LOCAL_SERVERS).locked()).isTrue();
        assertThat(settings.nodeBaseImage()).isEqualTo("node:22-alpine");
        JsonNode inspection = settings.inspectionDefaults().orElseThrow();
        assertThat(inspection.get("secrets").stringValue()).isEqualTo("block");
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void noPolicyKeyMeansNoManagedSettings() {
        var source = new WindowsPolicyRegistry(Optional::empty, Map.of());

        Settings settings = new SettingsStore(source, dir.resolve("settings.json")).settings();

        assertThat(settings.all())
                .noneSatisfy(value -> assertThat(value.locked()).isTrue());
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void aFailingRegQueryIsASourceError() {
        var source = new WindowsPolicyRegistry(
                () -> {
                    throw new IOException("reg.exe did not finish within 10 seconds");
                },
                Map.of());

        assertThatThrownBy(source::read)
                .isInstanceOf(SettingsSourceException.class)
                .hasMessage("The Windows policy HKLM\\SOFTWARE\\Policies\\Airlock cannot be read:"
                        + " reg.exe did not finish within 10 seconds");
    }
}
