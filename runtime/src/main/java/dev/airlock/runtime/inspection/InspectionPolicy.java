package dev.airlock.runtime.inspection;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The action for each category, as {@code _meta["dev.airlock/policy"].inspection} sets it.
 *
 * @param secrets what to do when a secret rule fires
 * @param personalData what to do when a personal-data rule fires
 */
public record InspectionPolicy(Action secrets, Action personalData) {

    public InspectionPolicy {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(personalData, "personalData");
    }

    /**
     * Safe defaults: secrets are redacted, since a leaked key cannot be taken back, while personal data is
     * only recorded, because much legitimate work (support tickets, CRM lookups) carries e-mail addresses
     * and phone numbers.
     */
    public static InspectionPolicy defaults() {
        return new InspectionPolicy(Action.REDACT, Action.WARN);
    }

    /**
     * The policy a registry entry sets in {@code _meta["dev.airlock/policy"].inspection}, such as
     * {@code {"secrets": "redact", "pii": "warn"}}. A category it leaves out keeps its default.
     *
     * @param inspection the {@code inspection} object, or a missing node for none
     * @throws IllegalArgumentException when it names an action Airlock does not know, with a sentence
     *     an administrator can act on
     */
    public static InspectionPolicy fromRegistry(JsonNode inspection) {
        InspectionPolicy defaults = defaults();
        if (inspection == null || inspection.isMissingNode() || inspection.isNull()) {
            return defaults;
        }
        if (!inspection.isObject()) {
            throw new IllegalArgumentException("The inspection policy must be an object such as "
                    + "{\"secrets\": \"redact\", \"pii\": \"warn\"}.");
        }
        return new InspectionPolicy(
                action(inspection, "secrets", defaults.secrets()), action(inspection, "pii", defaults.personalData()));
    }

    private static Action action(JsonNode inspection, String key, Action otherwise) {
        JsonNode value = inspection.get(key);
        if (value == null) {
            return otherwise;
        }
        return Action.fromLabel(value.asString(""))
                .orElseThrow(() -> new IllegalArgumentException("The inspection policy sets \"" + key + "\" to " + value
                        + "; it must be one of \"block\", \"redact\", \"warn\" or \"off\"."));
    }

    /** The action for findings of {@code category}. */
    public Action actionFor(Category category) {
        return switch (category) {
            case SECRET -> secrets;
            case PERSONAL_DATA -> personalData;
        };
    }
}
