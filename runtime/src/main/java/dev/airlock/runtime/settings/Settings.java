package dev.airlock.runtime.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The settings in force at one moment: each value with where it came from and whether it is
 * locked. Immutable; {@link SettingsStore} hands out a new one after every change.
 */
public final class Settings {

    private final Map<SettingKey<?>, SettingValue<?>> values;
    private final List<SettingProblem> problems;

    private Settings(Map<SettingKey<?>, SettingValue<?>> values, List<SettingProblem> problems) {
        this.values = values;
        this.problems = problems;
    }

    /** Per key: the managed value if there is one, else the user's, else the default. */
    static Settings resolve(SettingLayer managed, SettingLayer user) {
        var values = new LinkedHashMap<SettingKey<?>, SettingValue<?>>();
        for (SettingKey<?> key : SettingKey.all()) {
            values.put(key, resolve(key, managed, user));
        }
        var problems = new ArrayList<SettingProblem>(managed.problems());
        problems.addAll(user.problems());
        return new Settings(Map.copyOf(values), List.copyOf(problems));
    }

    private static <T> SettingValue<T> resolve(SettingKey<T> key, SettingLayer managed, SettingLayer user) {
        Optional<T> fromCompany = managed.get(key);
        if (fromCompany.isPresent()) {
            return new SettingValue<>(key, fromCompany, SettingSource.MANAGED, true);
        }
        Optional<T> fromUser = user.get(key);
        if (fromUser.isPresent()) {
            return new SettingValue<>(key, fromUser, SettingSource.USER, false);
        }
        return new SettingValue<>(key, key.defaultValue(), SettingSource.DEFAULT, false);
    }

    @SuppressWarnings("unchecked") // resolve() stores each key with a value of its own type
    public <T> SettingValue<T> get(SettingKey<T> key) {
        SettingValue<T> value = (SettingValue<T>) values.get(key);
        if (value != null && value.value().orElse(null) instanceof JsonNode json) {
            // the one mutable value type: hand out a copy so the snapshot stays as it was
            return new SettingValue<>(key, Optional.of((T) json.deepCopy()), value.source(), value.locked());
        }
        return value;
    }

    /** Every setting, in the order of {@link SettingKey#all()}. */
    public List<SettingValue<?>> all() {
        return SettingKey.all().stream().<SettingValue<?>>map(this::get).toList();
    }

    /** Whether the company manages this setting, so the user cannot change it. */
    public boolean locked(SettingKey<?> key) {
        return values.get(key).locked();
    }

    /** Values that could not be used (wrong type, unreadable source), for the settings screen and doctor. */
    public List<SettingProblem> problems() {
        return problems;
    }

    private <T> T required(SettingKey<T> key) {
        return get(key).value().orElseThrow(() -> new IllegalStateException(key + " has a default"));
    }

    /** The company's registry; empty until the company presets it or the user gives the company address. */
    public Optional<URI> registryUrl() {
        return get(SettingKey.REGISTRY_URL).value();
    }

    public Optional<URI> oidcIssuer() {
        return get(SettingKey.OIDC_ISSUER).value();
    }

    public Optional<String> oidcClientId() {
        return get(SettingKey.OIDC_CLIENT_ID).value();
    }

    public List<String> oidcScopes() {
        return required(SettingKey.OIDC_SCOPES);
    }

    /** The ID token claims whose values are the user's roles. */
    public List<String> oidcRoleClaims() {
        return required(SettingKey.OIDC_ROLE_CLAIMS);
    }

    /** Where audit events are exported over OTLP/HTTP, if anywhere. */
    public Optional<URI> auditOtlpEndpoint() {
        return get(SettingKey.AUDIT_OTLP_ENDPOINT).value();
    }

    public boolean allowLocalServers() {
        return required(SettingKey.ALLOW_LOCAL_SERVERS);
    }

    /** The company's inspection defaults as given (an object or a name); the inspection feature checks them. */
    public Optional<JsonNode> inspectionDefaults() {
        return get(SettingKey.INSPECTION_DEFAULTS).value();
    }

    /**
     * The company's own inspection rules, a gitleaks-format TOML file added to the built-in rules;
     * read when the engine starts, and a file that does not load leaves the built-in rules in force.
     */
    public Optional<Path> inspectionRulesFile() {
        return get(SettingKey.INSPECTION_RULES_FILE).value();
    }

    /** The gateway's port on 127.0.0.1. */
    public int gatewayPort() {
        return required(SettingKey.GATEWAY_PORT);
    }

    public UpdateChannel updateChannel() {
        return required(SettingKey.UPDATE_CHANNEL);
    }

    /** The image Node.js MCP servers are built on. */
    public String nodeBaseImage() {
        return required(SettingKey.NODE_BASE_IMAGE);
    }

    /** A PEM bundle of the company's CA certificates; check it with {@link CaBundle#load} before use. */
    public Optional<Path> extraCaCertificates() {
        return get(SettingKey.EXTRA_CA_CERTIFICATES).value();
    }

    @Override
    public String toString() {
        return "Settings" + all();
    }
}
