package dev.airlock.runtime.server;

import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch.EnvironmentVariable;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets servers need from the user (API tokens and the like), kept in the {@link SecretStore}:
 * the OS keychain, or memory for this run where there is none. A value is read only when its server
 * is launched, and goes nowhere but into that server's container environment.
 *
 * <p>Each value is stored under {@link #key(String, String)}: {@code airlock.server-secret.}
 * followed by 32 hex digits, the first 128 bits of SHA-256 over the server's full registry name, a
 * line feed, and the variable name. A hash gives every server and variable its own key whatever
 * their length, uses only characters every keychain accepts, and is the same on every computer and
 * for every company registry that lists the same server, so a token is entered once per server.
 */
public final class ServerSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSecrets.class);

    /** The longest value accepted, in characters: far above any API token, far below keychain limits. */
    public static final int MAX_VALUE_CHARS = 16 * 1024;

    static final String KEY_PREFIX = "airlock.server-secret.";

    // what a registry's variable name may be; anything else is not echoed in messages, as it may be
    // the secret itself typed in the wrong place
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final SecretStore store;

    /** Whether a value is stored, per key, as last seen; the values themselves are never kept. */
    private final Map<String, Boolean> presence = new ConcurrentHashMap<>();

    public ServerSecrets(SecretStore store) {
        this.store = store;
    }

    /** The store's key for a variable of a server, by the server's full registry name. */
    public static String key(String serverName, String variable) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((serverName + "\n" + variable).getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Where values are kept, for people. */
    String description() {
        return store.description();
    }

    /** The entry's secret variables, in the registry's order. */
    static List<EnvironmentVariable> secretVariables(CatalogEntry entry) {
        return entry.launch().stream()
                .flatMap(launch -> launch.environment().stream())
                .filter(EnvironmentVariable::secret)
                .toList();
    }

    /**
     * The entry's secret variable of that name; letter case is forgiven when it leaves no doubt.
     *
     * @throws InvalidSecretException when the entry has no such secret
     */
    static EnvironmentVariable variable(CatalogEntry entry, String name) throws InvalidSecretException {
        List<EnvironmentVariable> secrets = secretVariables(entry);
        if (secrets.isEmpty()) {
            throw new InvalidSecretException("%s needs no secrets.".formatted(entry.title()));
        }
        Optional<EnvironmentVariable> exact =
                secrets.stream().filter(v -> v.name().equals(name)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        List<EnvironmentVariable> similar = secrets.stream()
                .filter(v -> name != null && v.name().equalsIgnoreCase(name))
                .toList();
        if (similar.size() == 1) {
            return similar.getFirst();
        }
        String names = secrets.stream().map(EnvironmentVariable::name).collect(Collectors.joining(", "));
        if (name != null && VARIABLE_NAME.matcher(name).matches()) {
            throw new InvalidSecretException(
                    "%s has no secret named %s. Its secrets: %s.".formatted(entry.title(), name, names));
        }
        throw new InvalidSecretException(
                "That is not the name of one of %s's secrets. Its secrets: %s.".formatted(entry.title(), names));
    }

    /**
     * Refuses values that cannot be a secret a server reads from its environment. The messages
     * never quote the value.
     */
    static void checkValue(String value) throws InvalidSecretException {
        if (value == null || value.isEmpty()) {
            throw new InvalidSecretException("The secret's value is empty, so nothing was stored.");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw new InvalidSecretException("A secret may be at most %,d characters long; this one has %,d."
                    .formatted(MAX_VALUE_CHARS, value.length()));
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidSecretException(
                    "The secret's value contains a NUL character, which no server can read from its environment.");
        }
    }

    /**
     * Whether a value is stored for the variable, as far as Airlock knows: what it last stored,
     * removed or read, else what the store says now. Never throws: a store that fails counts as
     * holding nothing, and the launch, which reads again, reports the failure.
     */
    boolean isStored(CatalogEntry entry, String variable) {
        String key = key(entry.name(), variable);
        Boolean known = presence.get(key);
        if (known != null) {
            return known;
        }
        try {
            boolean stored = store.get(key).isPresent();
            presence.put(key, stored);
            return stored;
        } catch (SecretStoreException e) {
            LOG.warn("Cannot tell whether {} of {} is stored: {}", variable, entry.shortName(), e.getMessage());
            presence.put(key, false);
            return false;
        }
    }

    /** The entry's required secrets that are not stored. */
    List<EnvironmentVariable> missingRequired(CatalogEntry entry) {
        return secretVariables(entry).stream()
                .filter(v -> v.required() && !isStored(entry, v.name()))
                .toList();
    }

    /** The stored values of the entry's secrets, by variable name: read at launch, and only then. */
    Map<String, String> read(CatalogEntry entry) throws SecretStoreException {
        var values = new LinkedHashMap<String, String>();
        for (EnvironmentVariable variable : secretVariables(entry)) {
            String key = key(entry.name(), variable.name());
            Optional<String> value = store.get(key);
            presence.put(key, value.isPresent());
            value.ifPresent(v -> values.put(variable.name(), v));
        }
        return values;
    }

    void put(CatalogEntry entry, String variable, String value) throws SecretStoreException {
        String key = key(entry.name(), variable);
        presence.remove(key); // unknown until the store has answered
        store.put(key, value);
        presence.put(key, true);
    }

    void delete(CatalogEntry entry, String variable) throws SecretStoreException {
        String key = key(entry.name(), variable);
        presence.remove(key);
        store.delete(key);
        presence.put(key, false);
    }

    /** For people: "Waiting for your GITHUB_TOKEN (Your GitHub personal access token)." */
    static String waitingFor(List<EnvironmentVariable> missing) {
        List<String> parts = missing.stream().map(ServerSecrets::describe).toList();
        String list = parts.size() == 1
                ? parts.getFirst()
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
        return "Waiting for your " + list + ".";
    }

    private static String describe(EnvironmentVariable variable) {
        String description =
                variable.description() == null ? "" : variable.description().strip();
        while (description.endsWith(".")) {
            description = description.substring(0, description.length() - 1).stripTrailing();
        }
        return description.isEmpty() ? variable.name() : variable.name() + " (" + description + ")";
    }
}
