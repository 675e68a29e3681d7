package dev.airlock.runtime.inspection;

import java.util.Locale;
import java.util.Optional;

/** What a rule finds: the policy sets one action per category. */
public enum Category {
    /** Credentials: keys, tokens, passwords, private keys. */
    SECRET("secret"),
    /** Data about a person: e-mail addresses, phone numbers, card numbers, IBANs, SSNs, IP addresses. */
    PERSONAL_DATA("personal-data");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    /** The name in rule files, policy and audit events: {@code secret} or {@code personal-data}. */
    public String label() {
        return label;
    }

    /** The category a rule file names, or empty when it names none Airlock knows. */
    public static Optional<Category> fromLabel(String label) {
        String wanted = label.toLowerCase(Locale.ROOT);
        for (Category category : values()) {
            if (category.label.equals(wanted) || ("pii".equals(wanted) && category == PERSONAL_DATA)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
