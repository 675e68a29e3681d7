package dev.airlock.runtime.inspection;

import java.util.Locale;
import java.util.Optional;

/** What the gateway does with a message in which a rule of a category fired. */
public enum Action {
    /** Nothing is forwarded; the caller gets an error that says why. */
    BLOCK,
    /** Each match is replaced by {@code [REDACTED:rule-id]}, and the rest is forwarded unchanged. */
    REDACT,
    /** Forwarded unchanged, and the finding is recorded. */
    WARN,
    /** The category is not inspected at all. */
    OFF;

    /** The name in policy: {@code block}, {@code redact}, {@code warn}, {@code off}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action a policy names, or empty when it names none Airlock knows. */
    public static Optional<Action> fromLabel(String label) {
        for (Action action : values()) {
            if (action.label().equals(label.toLowerCase(Locale.ROOT))) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
