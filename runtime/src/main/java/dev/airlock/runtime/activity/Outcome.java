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
    CANCELLED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name in {@link dev.airlock.runtime.control.ActivityView#outcome()}: {@code ok}, {@code error}, ... */
    public String label() {
        return label;
    }
}
