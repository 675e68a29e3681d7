package dev.airlock.runtime.inspection;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What inspecting one message found and what to forward.
 *
 * @param findings one per rule and location, in the order they were found; never the matched text
 * @param output what to forward: the input itself when nothing was redacted, otherwise a copy with each
 *     redacted match replaced by {@code [REDACTED:rule-id]}. Unchanged parts may be shared with the
 *     input, so treat both as read-only.
 * @param blocked a rule of a category whose action is {@link Action#BLOCK} fired: forward nothing
 * @param complete false when a size limit stopped decoding some layer (the outer text was still scanned)
 */
public record InspectionResult(List<Finding> findings, JsonNode output, boolean blocked, boolean complete) {

    public InspectionResult {
        findings = List.copyOf(findings);
        Objects.requireNonNull(output, "output");
    }

    /** Whether {@link #output()} differs from the input. */
    public boolean redacted() {
        return findings.stream().anyMatch(f -> f.action() == Action.REDACT);
    }

    /** Whether nothing fired. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /** The findings and flags, never the output: unless redacted, it still holds what was found. */
    @Override
    public String toString() {
        return "InspectionResult[findings=" + findings + ", blocked=" + blocked + ", redacted=" + redacted()
                + ", complete=" + complete + "]";
    }
}
