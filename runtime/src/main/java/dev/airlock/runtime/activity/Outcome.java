package dev.airlock.runtime.activity;

import java.util.Locale;

/** How a call through the gateway ended. */
public enum Outcome {
    /** The server answered with a result. */
    OK,
    /** The server answered with an error, or a tool reported that it failed. */
    ERROR,
    /** No answer came: the server stopped, or a limit was hit. */
    FAILED,
    /** The AI app no longer wanted the answer: it cancelled, ended its session or went away. */
    CANCELLED,
    /**
     * Airlock stopped the call: what the AI app sent, or what came back, broke the company's
     * inspection policy, so it was not passed on.
     */
    BLOCKED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name in {@link dev.airlock.runtime.control.ActivityView#outcome()}: {@code ok}, {@code error}, ... */
    public String label() {
        return label;
    }
}
