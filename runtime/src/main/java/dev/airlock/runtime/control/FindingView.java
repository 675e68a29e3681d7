package dev.airlock.runtime.control;

/**
 * What inspection found in one place of a call, as the Activity screen, {@code airlock activity} and
 * the audit log show it. It never holds the matched text: only which rule fired, where, and what
 * Airlock did about it.
 *
 * @param rule the rule that fired, such as {@code aws-secret-access-key}
 * @param description what the rule finds, in words ("AWS secret access key"); the rule id when the
 *     rule has no description
 * @param category {@code secret} or {@code personal-data}
 * @param direction {@code to-server} (what the AI app sent) or {@code to-app} (what came back)
 * @param action {@code block}, {@code redact} or {@code warn}
 * @param location a JSON Pointer to the value the match is in, within the call's arguments or result
 * @param count how many times the rule matched there
 */
public record FindingView(
        String rule, String description, String category, String direction, String action, String location, int count) {

    public static final String SECRET = "secret";
    public static final String PERSONAL_DATA = "personal-data";
    public static final String TO_SERVER = "to-server";
    public static final String TO_APP = "to-app";
    public static final String BLOCK = "block";
    public static final String REDACT = "redact";
    public static final String WARN = "warn";
}
