package dev.airlock.runtime.inspection;

/**
 * How narrowly a rule describes what it finds. When several rules match overlapping text, the most
 * specific one names the finding (see {@link Overlaps}): an {@code aws_secret_access_key = …} line is an
 * AWS secret key, not "some secret assigned to a name", and the Activity badge should count it once.
 * Declared from least to most specific, so a later constant wins.
 */
enum Specificity {
    /** A rule with nothing to look for (no keyword, no literal prefix, no anchor): a catch-all. */
    CATCH_ALL,
    /**
     * A broad rule that other rules refine: {@code generic = true} in the rule file, or an id starting
     * with {@code generic-} (Airlock's {@code generic-secret-assignment}, gitleaks' {@code generic-api-key}).
     */
    GENERIC,
    /** A rule found from its own keywords, prefix or anchor: a token format or a named assignment. */
    SPECIFIC,
    /** A specific rule whose matches also pass a check (Luhn, mod-97, SSN ranges, address parsing). */
    VALIDATED;

    /** The specificity of a rule read from a file, given what the file said about it. */
    static Specificity of(String id, boolean markedGeneric, Trigger trigger, Validator validator) {
        if (trigger instanceof Trigger.Everywhere) {
            return CATCH_ALL;
        }
        if (markedGeneric || id.startsWith("generic-")) {
            return GENERIC;
        }
        return validator == Validator.NONE ? SPECIFIC : VALIDATED;
    }
}
