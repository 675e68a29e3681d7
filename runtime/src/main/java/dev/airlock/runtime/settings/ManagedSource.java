package dev.airlock.runtime.settings;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the company presets Airlock on this computer: the Windows policy registry key, the macOS
 * managed preferences of a configuration profile, or the Linux policy file. Each delivers its values
 * as a JSON tree, nested or with dotted names; {@link SettingsStore} applies the allow-list.
 */
public interface ManagedSource {

    /** For people and logs: where the values are, such as {@code /etc/airlock/policy.json}. */
    String description();

    /**
     * The company's values.
     *
     * @return empty when the company set nothing here (the file or key does not exist)
     * @throws SettingsSourceException when the source exists but cannot be read
     */
    Optional<ObjectNode> read() throws SettingsSourceException;

    /** For computers the company does not manage, and for tests. */
    static ManagedSource none() {
        return new ManagedSource() {
            @Override
            public String description() {
                return "no managed settings";
            }

            @Override
            public Optional<ObjectNode> read() {
                return Optional.empty();
            }
        };
    }
}
