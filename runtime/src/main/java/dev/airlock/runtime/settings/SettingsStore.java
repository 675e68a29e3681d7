package dev.airlock.runtime.settings;

import dev.airlock.runtime.state.StateDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the settings from the company's source, the user's file and the defaults, and saves the
 * user's changes. A value the company set is locked: changing it is refused with "Your company
 * manages this setting."
 *
 * <p>The company's source is read when the store is made and on {@link #reload()}, not on every
 * change: on Windows that is a process, and policies change rarely.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    /** The user's settings file in the state directory. */
    public static final String FILE_NAME = "settings.json";

    private final ManagedSource managedSource;
    private final UserSettingsFile userFile;
    private SettingLayer managed = SettingLayer.EMPTY;
    private ObjectNode userTree = JsonNodeFactory.instance.objectNode();
    private Settings current;

    /**
     * Reads every source now; on Windows that runs reg.exe (at most 10 seconds), so call it off the
     * UI thread.
     *
     * @param managedSource the company's settings; {@link ManagedSource#none()} for none
     * @param userSettingsFile where the user's settings are kept
     */
    public SettingsStore(ManagedSource managedSource, Path userSettingsFile) {
        this.managedSource = managedSource;
        this.userFile = new UserSettingsFile(userSettingsFile);
        reload();
    }

    /** The company's source for this OS, and {@code settings.json} in the state directory. */
    public static SettingsStore forThisComputer(StateDirectory state, Map<String, String> environment) {
        return new SettingsStore(
                ManagedSources.forThisComputer(environment), state.root().resolve(FILE_NAME));
    }

    /** The settings in force now. */
    public synchronized Settings settings() {
        return current;
    }

    /** Reads every source again, such as after the company changed its policy. */
    public synchronized Settings reload() {
        managed = readManaged();
        SettingLayer user = readUser();
        current = Settings.resolve(managed, user);
        return current;
    }

    /**
     * Sets a value of the user's.
     *
     * @throws SettingLockedException when the company manages the setting
     * @throws InvalidSettingException when the value does not fit the setting
     * @throws java.io.UncheckedIOException when the settings file cannot be written; nothing changed
     */
    public synchronized <T> Settings set(SettingKey<T> key, T value) throws SettingChangeException {
        requireUnlocked(key);
        try {
            T checked = key.type().checked(value);
            return change(Map.of(key, Optional.of(key.type().write(checked))));
        } catch (InvalidValueException e) {
            throw new InvalidSettingException(key, "The setting " + key.name() + " " + e.getMessage() + ".");
        }
    }

    /**
     * Removes the user's value, so the default applies again.
     *
     * @throws SettingLockedException when the company manages the setting
     */
    public synchronized Settings reset(SettingKey<?> key) throws SettingLockedException {
        requireUnlocked(key);
        return change(Map.of(key, Optional.empty()));
    }

    /**
     * Saves what the company's address told about it as the user's settings, in one write. A value
     * the company's address did not give is removed, so nothing from a previous company lingers;
     * settings the company manages are left as they are.
     */
    public synchronized Settings saveCompany(CompanySettings company) {
        var changes = new LinkedHashMap<SettingKey<?>, Optional<JsonNode>>();
        changes.put(
                SettingKey.REGISTRY_URL,
                Optional.of(SettingKey.REGISTRY_URL.type().write(company.registryUrl())));
        changes.put(SettingKey.OIDC_ISSUER, company.issuer().map(SettingKey.OIDC_ISSUER.type()::write));
        changes.put(SettingKey.OIDC_CLIENT_ID, company.clientId().map(SettingKey.OIDC_CLIENT_ID.type()::write));
        changes.put(
                SettingKey.OIDC_SCOPES,
                company.scopes().isEmpty()
                        ? Optional.empty()
                        : Optional.of(SettingKey.OIDC_SCOPES.type().write(company.scopes())));
        changes.keySet().removeIf(key -> {
            if (current.locked(key)) {
                LOG.info("Keeping the company's managed {}; not saving the discovered one", key);
                return true;
            }
            return false;
        });
        return change(changes);
    }

    private void requireUnlocked(SettingKey<?> key) throws SettingLockedException {
        if (current.locked(key)) {
            throw new SettingLockedException(key);
        }
    }

    private Settings change(Map<SettingKey<?>, Optional<JsonNode>> changes) {
        ObjectNode next = userTree.deepCopy();
        changes.forEach((key, value) -> {
            removeAnySpelling(next, key);
            value.ifPresent(json -> next.set(key.name(), json));
        });
        userFile.write(next);
        userTree = next;
        current = Settings.resolve(managed, readTree(next, userOrigin(), false, false));
        return current;
    }

    /** Drops the key however the file spelled it (another case, or nested), so one value remains. */
    private static void removeAnySpelling(ObjectNode tree, SettingKey<?> key) {
        List<String> names = List.copyOf(tree.propertyNames());
        for (String name : names) {
            if (name.equalsIgnoreCase(key.name())) {
                tree.remove(name);
            } else if (tree.get(name).isObject()
                    && key.name().toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ".")) {
                ObjectNode group = (ObjectNode) tree.get(name);
                String rest = key.name().substring(name.length() + 1);
                group.propertyNames().stream()
                        .filter(child -> child.equalsIgnoreCase(rest))
                        .toList()
                        .forEach(group::remove);
                if (group.isEmpty()) {
                    tree.remove(name);
                }
            }
        }
    }

    private SettingLayer readManaged() {
        String origin = managedSource.description();
        try {
            Optional<ObjectNode> tree = managedSource.read();
            if (tree.isEmpty()) {
                LOG.debug("No managed settings in {}", origin);
                return SettingLayer.EMPTY;
            }
            SettingLayer layer = readTree(tree.get(), origin, true, true);
            LOG.info(
                    "Settings managed by the company ({}): {}",
                    origin,
                    SettingKey.all().stream()
                            .filter(layer.values()::containsKey)
                            .map(SettingKey::name)
                            .toList());
            return layer;
        } catch (SettingsSourceException e) {
            LOG.error("{}", e.getMessage(), e.getCause());
            return new SettingLayer(
                    Map.of(),
                    List.of(new SettingProblem(
                            "", origin, e.getMessage() + " Your company's settings cannot be applied.")));
        }
    }

    private SettingLayer readUser() {
        try {
            Optional<ObjectNode> tree = userFile.read();
            userTree = tree.orElseGet(JsonNodeFactory.instance::objectNode);
            return readTree(userTree, userOrigin(), false, true);
        } catch (SettingsSourceException e) {
            LOG.warn("{}", e.getMessage());
            userTree = JsonNodeFactory.instance.objectNode();
            return new SettingLayer(Map.of(), List.of(new SettingProblem("", userOrigin(), e.getMessage())));
        }
    }

    /**
     * @param report whether to log what cannot be used (once per read of the source, not again on
     *     every change the user makes)
     */
    private static SettingLayer readTree(ObjectNode tree, String origin, boolean fromCompany, boolean report) {
        SettingLayer layer = SettingsReader.read(tree, origin, name -> {
            if (!report) {
                return;
            }
            if (fromCompany) {
                // the name only: a value might be a secret put in the wrong place
                LOG.warn("Ignoring the setting {} in {}: Airlock has no such setting", name, origin);
            } else {
                LOG.debug("Keeping the unknown setting {} in {} as it is", name, origin);
            }
        });
        for (SettingProblem problem : report ? layer.problems() : List.<SettingProblem>of()) {
            if (fromCompany) {
                LOG.error("{}", problem.message());
            } else {
                LOG.warn("{}", problem.message());
            }
        }
        return layer;
    }

    private String userOrigin() {
        return "your settings (" + userFile.path() + ")";
    }
}
