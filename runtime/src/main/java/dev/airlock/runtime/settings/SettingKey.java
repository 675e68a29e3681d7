package dev.airlock.runtime.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The settings an admin can set and lock, and a user can set where the admin did not. This is the
 * allow-list: a name not here is ignored wherever it appears. Names are documented for admins in
 * {@code docs/settings.md}; changing one breaks their policies.
 *
 * @param <T> the type of the value
 */
public final class SettingKey<T> {

    public static final SettingKey<URI> REGISTRY_URL =
            new SettingKey<>("registryUrl", new SettingType.WebAddress(), null);
    public static final SettingKey<URI> OIDC_ISSUER =
            new SettingKey<>("oidcIssuer", new SettingType.WebAddress(), null);
    public static final SettingKey<String> OIDC_CLIENT_ID =
            new SettingKey<>("oidcClientId", new SettingType.Text(), null);
    // offline_access asks for the refresh token that keeps people signed in across restarts
    public static final SettingKey<List<String>> OIDC_SCOPES = new SettingKey<>(
            "oidcScopes", new SettingType.Names(), List.of("openid", "profile", "email", "offline_access"));
    public static final SettingKey<List<String>> OIDC_ROLE_CLAIMS =
            new SettingKey<>("oidcRoleClaims", new SettingType.Names(), List.of("groups", "roles"));
    public static final SettingKey<URI> AUDIT_OTLP_ENDPOINT =
            new SettingKey<>("auditOtlpEndpoint", new SettingType.WebAddress(), null);
    public static final SettingKey<Boolean> ALLOW_LOCAL_SERVERS =
            new SettingKey<>("allowLocalServers", new SettingType.Flag(), false);
    public static final SettingKey<JsonNode> INSPECTION_DEFAULTS =
            new SettingKey<>("inspection.defaults", new SettingType.JsonValue(), null);
    // a gitleaks-format TOML file of the company's own rules, added to the built-in ones
    public static final SettingKey<Path> INSPECTION_RULES_FILE =
            new SettingKey<>("inspection.rulesFile", new SettingType.FilePath(), null);
    public static final SettingKey<Integer> GATEWAY_PORT =
            new SettingKey<>("gatewayPort", new SettingType.Port(), 47200);
    public static final SettingKey<UpdateChannel> UPDATE_CHANNEL =
            new SettingKey<>("updateChannel", new SettingType.Channel(), UpdateChannel.STABLE);
    public static final SettingKey<String> NODE_BASE_IMAGE =
            new SettingKey<>("images.nodeBase", new SettingType.ImageReference(), "node:22-bookworm-slim");
    public static final SettingKey<Path> EXTRA_CA_CERTIFICATES =
            new SettingKey<>("tls.extraCaCertificates", new SettingType.FilePath(), null);
    // system, light or dark; read by the desktop app, which takes anything else as system
    public static final SettingKey<String> UI_THEME = new SettingKey<>("ui.theme", new SettingType.Text(), "system");
    public static final SettingKey<Boolean> UI_START_AT_LOGIN =
            new SettingKey<>("ui.startAtLogin", new SettingType.Flag(), false);

    private static final List<SettingKey<?>> ALL = List.of(
            REGISTRY_URL,
            OIDC_ISSUER,
            OIDC_CLIENT_ID,
            OIDC_SCOPES,
            OIDC_ROLE_CLAIMS,
            AUDIT_OTLP_ENDPOINT,
            ALLOW_LOCAL_SERVERS,
            INSPECTION_DEFAULTS,
            INSPECTION_RULES_FILE,
            GATEWAY_PORT,
            UPDATE_CHANNEL,
            NODE_BASE_IMAGE,
            EXTRA_CA_CERTIFICATES,
            UI_THEME,
            UI_START_AT_LOGIN);

    // Windows treats registry names without regard to case, and admins write them that way
    private static final Map<String, SettingKey<?>> BY_LOWER_CASE_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(key -> lower(key.name), Function.identity()));

    private final String name;
    private final SettingType<T> type;
    private final T defaultValue;

    private SettingKey(String name, SettingType<T> type, T defaultValue) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /** Every key, in the order the settings screen and the docs list them. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    /** The key with this name, in any case; dotted names such as {@code images.nodeBase} included. */
    public static Optional<SettingKey<?>> named(String name) {
        return Optional.ofNullable(BY_LOWER_CASE_NAME.get(lower(name)));
    }

    /** Whether some key's dotted name continues this one ({@code images} for {@code images.nodeBase}). */
    static boolean isGroup(String name) {
        String prefix = lower(name) + ".";
        return BY_LOWER_CASE_NAME.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The name admins and the settings file use, such as {@code gatewayPort}. */
    public String name() {
        return name;
    }

    /** The value when neither the company nor the user set one. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** For people: what a value must look like, such as "must be true or false (or 1 or 0)". */
    public String expectation() {
        return type.expectation();
    }

    SettingType<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
