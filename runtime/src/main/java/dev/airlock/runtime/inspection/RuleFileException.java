package dev.airlock.runtime.inspection;

/** A rule file that cannot be used at all: it is not TOML, or it has no rules section Airlock can read. */
public final class RuleFileException extends Exception {

    public RuleFileException(String message) {
        super(message);
    }

    public RuleFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
