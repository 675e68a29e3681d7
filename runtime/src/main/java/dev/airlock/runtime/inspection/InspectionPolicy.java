package dev.airlock.runtime.inspection;

import java.util.Objects;

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

    /** The action for findings of {@code category}. */
    public Action actionFor(Category category) {
        return switch (category) {
            case SECRET -> secrets;
            case PERSONAL_DATA -> personalData;
        };
    }
}
