package dev.airlock.app.platform.autostart;

/** Start at login could not be changed; the message is a sentence for the person, the cause for the log. */
public final class AutoStartException extends Exception {

    public AutoStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
