package dev.airlock.runtime.inspection;

/**
 * A rule of a rule file that Airlock could not use; the file's other rules are used.
 *
 * @param ruleId the rule's {@code id}, or its position ({@code rules[7]}) when it has none
 * @param reason why, in words an administrator can act on
 */
public record RuleProblem(String ruleId, String reason) {}
