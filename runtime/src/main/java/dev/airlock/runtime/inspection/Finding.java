package dev.airlock.runtime.inspection;

import java.util.Objects;

/**
 * A rule that fired in one place of a message. It never holds the matched text, so neither logging it
 * nor putting it in an audit event can leak what it found.
 *
 * @param ruleId the rule that fired, such as {@code aws-access-key-id}
 * @param category the rule's category
 * @param direction which way the message travelled
 * @param action what the policy did about it
 * @param location a JSON Pointer (RFC 6901) to the string value the match is in; for a match inside a
 *     decoded layer (base64, gzip, URL encoding, JSON in a string), the pointer to the outer value
 * @param count how many times the rule matched there
 */
public record Finding(
        String ruleId, Category category, Direction direction, Action action, String location, int count) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(location, "location");
        if (count < 1) {
            throw new IllegalArgumentException("a finding counts at least one match");
        }
    }
}
