package dev.airlock.runtime.container;

/** A server's container could not be started. The message is for people; the detail is for the log. */
public final class LaunchException extends Exception {

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }

    public LaunchException(String message) {
        super(message);
    }
}
