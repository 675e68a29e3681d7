package dev.airlock.runtime.auth;

/** No usable sign-in: the user must sign in (again). The message says so in plain words. */
public final class NotSignedInException extends Exception {

    public NotSignedInException(String message) {
        super(message);
    }

    public NotSignedInException(String message, Throwable cause) {
        super(message, cause);
    }
}
