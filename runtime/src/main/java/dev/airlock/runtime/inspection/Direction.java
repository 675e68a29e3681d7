package dev.airlock.runtime.inspection;

/** Which way the inspected message travels through the gateway. */
public enum Direction {
    /** From the AI app to the MCP server: tool arguments, resource and prompt requests. */
    TO_SERVER("to-server"),
    /** From the MCP server back to the AI app: tool results, resource contents, prompt messages. */
    TO_APP("to-app");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** The name in audit events and the activity feed. */
    public String label() {
        return label;
    }
}
