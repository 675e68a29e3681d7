package dev.airlock.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.json.Json;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SettingsStoreTest {

    @TempDir
    Path dir;

    private Path policy() {
        return dir.resolve("etc/airlock/policy.json");
    }

    private Path userFile() {
        return dir.resolve("state/settings.json");
    }

    private SettingsStore store() {
        return new SettingsStore(new LinuxPolicyFile(policy()), userFile());
    }

    private void companySets(String json) {
        Samples.write(policy(), json);
    }

    /** One key with a value the company could set (as JSON) and a different one the user could. */
    record Case<T>(SettingKey<T> key, String managedJson, T managedValue, T userValue) {
        @Override
        public String toString() {
            return key.name();
        }
    }

    static Stream<Case<?>> everyKey() {
        return Stream.of(
                new Case<>(
                        SettingKey.REGISTRY_URL,
                        "\"https://registry.acme.example\"",
                        URI.create("https://registry.acme.example"),
                        URI.create("https://registry.other.example")),
                new Case<>(
                        SettingKey.OIDC_ISSUER,
                        "\"https://login.acme.example/realms/staff\"",
                        URI.create("https://login.acme.example/realms/staff"),
                        URI.create("http://127.0.0.1:8080/default")),
                new Case<>(SettingKey.OIDC_CLIENT_ID, "\"airlock-desktop\"", "airlock-desktop", "my-client"),
                new Case<>(
                        SettingKey.OIDC_SCOPES,
                        "\"openid profile\"",
                        List.of("openid", "profile"),
                        List.of("openid", "email")),
                new Case<>(
                        SettingKey.OIDC_ROLE_CLAIMS,
                        "[\"department\", \"groups\"]",
                        List.of("department", "groups"),
                        List.of("roles")),
                new Case<>(
                        SettingKey.AUDIT_OTLP_ENDPOINT,
                        "\"https://otel.acme.example:4318/v1/logs\"",
                        URI.create("https://otel.acme.example:4318/v1/logs"),
                        URI.create("http://localhost:4318/v1/logs")),
                new Case<>(SettingKey.ALLOW_LOCAL_SERVERS, "false", false, true),
                new Case<>(
                        SettingKey.INSPECTION_DEFAULTS,
                        "{\"secrets\": \"redact\"}",
                        (JsonNode) Json.mapper().createObjectNode().put("secrets", "redact"),
                        (JsonNode) Json.mapper().getNodeFactory().stringNode("strict")),
                new Case<>(
                        SettingKey.INSPECTION_RULES_FILE,
                        "\"/etc/acme/gitleaks.toml\"",
                        Path.of("/etc/acme/gitleaks.toml"),
                        Path.of("/home/me/rules.toml")),
                new Case<>(SettingKey.GATEWAY_PORT, "50000", 50000, 50001),
                new Case<>(SettingKey.UPDATE_CHANNEL, "\"STABLE\"", UpdateChannel.STABLE, UpdateChannel.BETA),
                new Case<>(
                        SettingKey.NODE_BASE_IMAGE,
                        "\"registry.acme.example/mirror/node:22\"",
                        "registry.acme.example/mirror/node:22",
                        "node:20-alpine"),
                new Case<>(
                        SettingKey.EXTRA_CA_CERTIFICATES,
                        "\"/etc/acme/ca.pem\"",
                        Path.of("/etc/acme/ca.pem"),
                        Path.of("/home/me/ca.pem")),
                new Case<>(SettingKey.UI_THEME, "\"dark\"", "dark", "light"),
                new Case<>(SettingKey.UI_START_AT_LOGIN, "\"1\"", true, false));
    }

    @Test
    void theCasesCoverTheWholeAllowList() {
        assertThat(everyKey().<SettingKey<?>>map(Case::key).toList()).isEqualTo(SettingKey.all());
    }

    @ParameterizedTest
    @MethodSource("everyKey")
    <T> void withNothingSetTheDefaultApplies(Case<T> c) {
        SettingValue<T> value = store().settings().get(c.key());

        assertThat(value.value()).isEqualTo(c.key().defaultValue());
        assertThat(value.source()).isEqualTo(SettingSource.DEFAULT);
        assertThat(value.locked()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("everyKey")
    <T> void theUsersValueBeatsTheDefault(Case<T> c) throws Exception {
        Settings settings = store().set(c.key(), c.userValue());

        assertThat(settings.get(c.key()))
                .isEqualTo(new SettingValue<>(c.key(), Optional.of(c.userValue()), SettingSource.USER, false));
    }

    @ParameterizedTest
    @MethodSource("everyKey")
    <T> void theCompanysValueBeatsTheUsersAndIsLocked(Case<T> c) throws Exception {
        store().set(c.key(), c.userValue());
        companySets("{\"" + c.key().name() + "\": " + c.managedJson() + "}");

        Settings settings = store().settings();

        assertThat(settings.get(c.key()))
                .isEqualTo(new SettingValue<>(c.key(), Optional.of(c.managedValue()), SettingSource.MANAGED, true));
        assertThat(settings.locked(c.key())).isTrue();
        assertThat(settings.problems()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyKey")
    <T> void aLockedSettingCannotBeChangedOrReset(Case<T> c) {
        companySets("{\"" + c.key().name() + "\": " + c.managedJson() + "}");
        SettingsStore store = store();

        assertThatThrownBy(() -> store.set(c.key(), c.userValue()))
                .isInstanceOf(SettingLockedException.class)
                .hasMessage("Your company manages this setting.");
        assertThatThrownBy(() -> store.reset(c.key()))
                .isInstanceOf(SettingLockedException.class)
                .hasMessage("Your company manages this setting.");
        assertThat(userFile()).doesNotExist();
    }

    @Test
    void typedAccessorsAnswerFromTheSnapshot() {
        Samples.copy("policy.json", policy());

        Settings settings = store().settings();

        assertThat(settings.registryUrl()).contains(URI.create("https://registry.acme.example"));
        assertThat(settings.oidcIssuer()).contains(URI.create("https://login.acme.example/realms/staff"));
        assertThat(settings.oidcClientId()).contains("airlock-desktop");
        assertThat(settings.oidcScopes()).containsExactly("openid", "profile", "offline_access");
        assertThat(settings.oidcRoleClaims()).containsExactly("groups");
        assertThat(settings.auditOtlpEndpoint()).contains(URI.create("https://otel.acme.example:4318/v1/logs"));
        assertThat(settings.allowLocalServers()).isFalse();
        assertThat(settings.inspectionDefaults())
                .contains(Json.mapper()
                        .createObjectNode()
                        .put("secrets", "redact")
                        .put("pii", "warn"));
        assertThat(settings.inspectionRulesFile()).contains(Path.of("/etc/airlock/gitleaks.toml"));
        assertThat(settings.gatewayPort()).isEqualTo(50000);
        assertThat(settings.updateChannel()).isEqualTo(UpdateChannel.BETA);
        assertThat(settings.nodeBaseImage()).isEqualTo("registry.acme.example/mirror/node:22-bookworm-slim");
        assertThat(settings.extraCaCertificates()).contains(Path.of("/etc/airlock/company-ca.pem"));
        assertThat(settings.get(SettingKey.UI_THEME).value()).contains("dark");
        assertThat(settings.get(SettingKey.UI_START_AT_LOGIN).value()).contains(true);
        assertThat(settings.all())
                .allSatisfy(value -> assertThat(value.locked()).isTrue());
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        Settings settings = store().settings();

        assertThat(settings.registryUrl()).isEmpty();
        assertThat(settings.oidcScopes()).containsExactly("openid", "profile", "email", "offline_access");
        assertThat(settings.oidcRoleClaims()).containsExactly("groups", "roles");
        assertThat(settings.allowLocalServers()).isFalse();
        assertThat(settings.gatewayPort()).isEqualTo(47200);
        assertThat(settings.updateChannel()).isEqualTo(UpdateChannel.STABLE);
        assertThat(settings.nodeBaseImage()).isEqualTo("node:22-bookworm-slim");
        assertThat(settings.extraCaCertificates()).isEmpty();
        assertThat(settings.get(SettingKey.UI_THEME).value()).contains("system");
        assertThat(settings.get(SettingKey.UI_START_AT_LOGIN).value()).contains(false);
    }

    @Test
    void unknownCompanyKeysAreIgnoredAndNamedInTheLogWithoutTheirValues() {
        companySets("""
                { "gatewayPort": 50000,
                  "telemetryToken": "s3cr3t-value",
                  "images": { "nodeBase": "node:22", "pythonBase": "python:3.13" },
                  "proxy": { "url": "https://proxy.acme.example" } }""");

        Settings settings;
        try (var log = new LogCapture(SettingsStore.class)) {
            settings = store().settings();

            assertThat(log.lines())
                    .contains(
                            "WARN Ignoring the setting telemetryToken in %s: Airlock has no such setting"
                                    .formatted(policy()),
                            "WARN Ignoring the setting images.pythonBase in %s: Airlock has no such setting"
                                    .formatted(policy()),
                            "WARN Ignoring the setting proxy in %s: Airlock has no such setting".formatted(policy()));
            assertThat(String.join("\n", log.lines())).doesNotContain("s3cr3t-value", "python:3.13");
        }
        assertThat(settings.gatewayPort()).isEqualTo(50000);
        assertThat(settings.nodeBaseImage()).isEqualTo("node:22");
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void aCompanyValueOfTheWrongTypeFallsBackToTheUsersAndIsReported() throws Exception {
        store().set(SettingKey.GATEWAY_PORT, 50001);
        companySets("""
                { "gatewayPort": "eighty", "updateChannel": "nightly", "allowLocalServers": "yes please",
                  "registryUrl": "https://registry.acme.example" }""");

        Settings settings = store().settings();

        assertThat(settings.get(SettingKey.GATEWAY_PORT))
                .isEqualTo(new SettingValue<>(SettingKey.GATEWAY_PORT, Optional.of(50001), SettingSource.USER, false));
        assertThat(settings.get(SettingKey.UPDATE_CHANNEL).source()).isEqualTo(SettingSource.DEFAULT);
        assertThat(settings.allowLocalServers()).isFalse();
        assertThat(settings.locked(SettingKey.GATEWAY_PORT)).isFalse();
        // one bad key does not break the rest
        assertThat(settings.get(SettingKey.REGISTRY_URL).source()).isEqualTo(SettingSource.MANAGED);
        assertThat(settings.problems())
                .extracting(SettingProblem::key)
                .containsExactlyInAnyOrder("gatewayPort", "updateChannel", "allowLocalServers");
        assertThat(settings.problems())
                .filteredOn(problem -> problem.key().equals("gatewayPort"))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.origin()).isEqualTo(policy().toString());
                    assertThat(problem.message())
                            .isEqualTo("The setting gatewayPort in " + policy()
                                    + " must be a whole number from 1024 to 65535; Airlock ignores it there.")
                            .doesNotContain("eighty");
                });
    }

    @Test
    void outOfRangeAndInsecureValuesAreWrongTypesToo() {
        companySets("""
                { "gatewayPort": 80, "registryUrl": "http://registry.acme.example",
                  "oidcIssuer": "https://user:pw@login.acme.example", "images.nodeBase": "--privileged",
                  "tls.extraCaCertificates": "relative/ca.pem", "oidcScopes": [] }""");

        Settings settings = store().settings();

        assertThat(settings.problems())
                .extracting(SettingProblem::key)
                .containsExactlyInAnyOrder(
                        "gatewayPort",
                        "registryUrl",
                        "oidcIssuer",
                        "images.nodeBase",
                        "tls.extraCaCertificates",
                        "oidcScopes");
        assertThat(settings.all())
                .noneSatisfy(value -> assertThat(value.locked()).isTrue());
    }

    @Test
    void anUnreadablePolicyFileIsReportedAndTheUsersSettingsStillApply() throws Exception {
        store().set(SettingKey.GATEWAY_PORT, 50001);
        companySets("{ \"gatewayPort\": 50000, ");

        Settings settings = store().settings();

        assertThat(settings.gatewayPort()).isEqualTo(50001);
        assertThat(settings.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(policy().toString());
            assertThat(problem.message()).contains("is not valid JSON");
        });
    }

    @Test
    void aPolicyFileThatIsNotAnObjectIsReported() {
        companySets("[\"registryUrl\"]");

        assertThat(store().settings().problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("must hold one JSON object"));
    }

    @Test
    void dottedAndNestedNamesAreTheSameKeyAndNamesIgnoreCase() {
        companySets("""
                { "Images": { "NodeBase": "node:22" }, "GATEWAYPORT": 50000,
                  "inspection.defaults": "strict" }""");

        Settings settings = store().settings();

        assertThat(settings.nodeBaseImage()).isEqualTo("node:22");
        assertThat(settings.gatewayPort()).isEqualTo(50000);
        assertThat(settings.inspectionDefaults())
                .hasValueSatisfying(json -> assertThat(json.stringValue()).isEqualTo("strict"));
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void aKeyGivenTwiceIsReported() {
        companySets("""
                { "images.nodeBase": "node:22", "images": { "nodeBase": "node:20" } }""");

        Settings settings = store().settings();

        assertThat(settings.nodeBaseImage()).isEqualTo("node:22");
        assertThat(settings.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("given twice"));
    }

    @Test
    void theUsersSettingsSurviveARestartInAPrivateFile() throws Exception {
        SettingsStore first = store();
        first.set(SettingKey.REGISTRY_URL, URI.create("https://registry.acme.example"));
        first.set(SettingKey.OIDC_SCOPES, List.of("openid", "groups"));

        Settings afterRestart = store().settings();

        assertThat(afterRestart.registryUrl()).contains(URI.create("https://registry.acme.example"));
        assertThat(afterRestart.oidcScopes()).containsExactly("openid", "groups");
        assertThat(afterRestart.get(SettingKey.OIDC_SCOPES).source()).isEqualTo(SettingSource.USER);
        assertThat(Files.list(userFile().getParent())).containsExactly(userFile()); // no temporary file left
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(userFile())))
                    .isEqualTo("rw-------");
        }
        JsonNode saved = Json.mapper().readTree(userFile().toFile());
        assertThat(saved.get("registryUrl").stringValue()).isEqualTo("https://registry.acme.example");
    }

    @Test
    void resettingGoesBackToTheDefault() throws Exception {
        SettingsStore store = store();
        store.set(SettingKey.GATEWAY_PORT, 50001);

        Settings settings = store.reset(SettingKey.GATEWAY_PORT);

        assertThat(settings.get(SettingKey.GATEWAY_PORT).source()).isEqualTo(SettingSource.DEFAULT);
        assertThat(store().settings().gatewayPort()).isEqualTo(47200);
    }

    @Test
    void aValueThatDoesNotFitIsRefusedWithTheReason() {
        SettingsStore store = store();

        assertThatThrownBy(() -> store.set(SettingKey.GATEWAY_PORT, 80))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("The setting gatewayPort must be a whole number from 1024 to 65535.");
        assertThatThrownBy(() -> store.set(SettingKey.REGISTRY_URL, URI.create("http://registry.acme.example")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("https://");
        assertThat(userFile()).doesNotExist();
    }

    @Test
    void namesTheUserFileDoesNotKnowAreKeptAndItsBadValuesReported() throws Exception {
        Samples.write(userFile(), """
                { "futureSetting": {"x": 1}, "gatewayPort": "not a port", "updateChannel": "beta" }""");
        SettingsStore store = store();
        assertThat(store.settings().problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.key()).isEqualTo("gatewayPort"));
        assertThat(store.settings().updateChannel()).isEqualTo(UpdateChannel.BETA);

        store.set(SettingKey.GATEWAY_PORT, 50001);

        ObjectNode saved = (ObjectNode) Json.mapper().readTree(userFile().toFile());
        assertThat(saved.get("futureSetting").get("x").intValue()).isEqualTo(1);
        assertThat(saved.get("gatewayPort").intValue()).isEqualTo(50001);
        assertThat(store.settings().problems()).isEmpty();
    }

    @Test
    void aDamagedUserFileMeansDefaults() {
        Samples.write(userFile(), "{ broken");

        Settings settings = store().settings();

        assertThat(settings.gatewayPort()).isEqualTo(47200);
        assertThat(settings.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("is damaged"));
    }

    @Test
    void changingANestedUserValueLeavesOneValue() throws Exception {
        Samples.write(userFile(), """
                { "images": { "nodeBase": "node:20", "other": 1 } }""");
        SettingsStore store = store();

        store.set(SettingKey.NODE_BASE_IMAGE, "node:22");

        JsonNode saved = Json.mapper().readTree(userFile().toFile());
        assertThat(saved.get("images.nodeBase").stringValue()).isEqualTo("node:22");
        assertThat(saved.get("images").has("nodeBase")).isFalse();
        assertThat(saved.get("images").get("other").intValue()).isEqualTo(1);
        assertThat(store().settings().problems()).isEmpty();
    }

    @Test
    void theSnapshotCannotBeChangedThroughAJsonValue() {
        companySets("{ \"inspection\": { \"defaults\": { \"secrets\": \"redact\" } } }");
        Settings settings = store().settings();

        ((ObjectNode) settings.inspectionDefaults().orElseThrow()).put("secrets", "off");

        assertThat(settings.inspectionDefaults().orElseThrow().get("secrets").stringValue())
                .isEqualTo("redact");
    }

    @Test
    void discoveredCompanySettingsAreSavedExceptWhereTheCompanyLockedThem() throws Exception {
        companySets("{ \"oidcClientId\": \"managed-client\" }");
        SettingsStore store = store();
        store.set(SettingKey.OIDC_SCOPES, List.of("openid", "left-over"));

        Settings settings = store.saveCompany(new CompanySettings(
                URI.create("https://registry.acme.example"),
                Optional.of(URI.create("https://login.acme.example")),
                Optional.of("discovered-client"),
                List.of()));

        assertThat(settings.registryUrl()).contains(URI.create("https://registry.acme.example"));
        assertThat(settings.oidcIssuer()).contains(URI.create("https://login.acme.example"));
        assertThat(settings.get(SettingKey.OIDC_CLIENT_ID))
                .isEqualTo(new SettingValue<>(
                        SettingKey.OIDC_CLIENT_ID, Optional.of("managed-client"), SettingSource.MANAGED, true));
        // the company said nothing about scopes: what a previous company set must not linger
        assertThat(settings.get(SettingKey.OIDC_SCOPES).source()).isEqualTo(SettingSource.DEFAULT);
        assertThat(store().settings().oidcIssuer()).contains(URI.create("https://login.acme.example"));
    }

    @Test
    void withoutAManagedSourceEverythingIsTheUsersToChoose() throws Exception {
        var store = new SettingsStore(ManagedSource.none(), userFile());

        store.set(SettingKey.UPDATE_CHANNEL, UpdateChannel.BETA);

        assertThat(store.settings().all())
                .noneSatisfy(value -> assertThat(value.locked()).isTrue());
        assertThat(store.settings().updateChannel()).isEqualTo(UpdateChannel.BETA);
    }
}
