package dev.airlock.runtime.control;

import java.util.List;

/**
 * What Airlock's tool guard made of a running server's tools, for its card: the tools it hid from
 * AI apps and why, and what looked like an attack on the AI in the tools it let through.
 *
 * @param reviewed false until Airlock has reviewed the tools of the server process running now
 * @param visible the names of the tools AI apps see
 * @param hidden the tools AI apps do not see now
 * @param warnings one sentence per suspicious part of a tool's description or schema
 * @param problem a sentence when Airlock's record of the tools the user trusted was damaged; else null
 */
public record ToolReviewView(
        boolean reviewed, List<String> visible, List<HiddenToolView> hidden, List<String> warnings, String problem) {

    /** Not reviewed (yet): the server is not running, or Airlock is still asking it for its tools. */
    public static final ToolReviewView NONE = new ToolReviewView(false, List.of(), List.of(), List.of(), null);

    public ToolReviewView {
        visible = visible == null ? List.of() : List.copyOf(visible);
        hidden = hidden == null ? List.of() : List.copyOf(hidden);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The hidden tools the user may approve themselves. */
    public List<HiddenToolView> awaitingApproval() {
        return hidden.stream().filter(HiddenToolView::approvable).toList();
    }
}
