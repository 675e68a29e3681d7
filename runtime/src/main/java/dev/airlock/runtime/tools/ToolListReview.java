package dev.airlock.runtime.tools;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link ToolGuard#review} made of a server's {@code tools/list} result.
 *
 * @param result the result to answer the AI app with: the server's, with hidden tools taken out
 * @param hidden the tools taken out, each with its reason and sentence
 * @param warnings what the poisoning heuristics found in the tools the policy allows, for the
 *     server's card (in {@code block} mode those tools are also in {@code hidden})
 * @param recordProblem a sentence when the saved record of trusted tools was damaged
 */
public record ToolListReview(
        ObjectNode result, List<HiddenTool> hidden, List<ToolWarning> warnings, Optional<String> recordProblem) {

    public ToolListReview {
        hidden = List.copyOf(hidden);
        warnings = List.copyOf(warnings);
    }

    /** The hidden tools the user can approve, for a notification with an approve action. */
    public List<HiddenTool> awaitingApproval() {
        return hidden.stream().filter(HiddenTool::approvable).toList();
    }
}
