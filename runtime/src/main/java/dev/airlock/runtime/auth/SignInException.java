package dev.airlock.runtime.auth;

/**
 * Sign-in (or renewing it) failed. The message is a sentence for the user with a next step; the
 * technical detail is in the log. The reason lets the UI react without parsing the message: a
 * cancelled sign-in needs no error dialog.
 */
public final class SignInException extends Exception {

    public enum Reason {
        /** The user cancelled, or started another sign-in. */
        CANCELLED,
        /** The browser did not come back in time. */
        TIMED_OUT,
        /** The provider (or the user, in the browser) said no; a stored sign-in is no longer accepted. */
        DENIED,
        /** Airlock refused the provider's answer: forged, tampered with, or meant for someone else. */
        UNTRUSTED,
        /** The provider could not be reached. */
        UNREACHABLE,
        /** The provider answered in a way Airlock does not understand, or reported its own failure. */
        PROVIDER_ERROR,
        /** Something on this computer failed: the local listener, the keychain, or Airlock itself. */
        LOCAL
    }

    private final Reason reason;

    public SignInException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignInException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Whether the tokens in hand are worthless after this: the provider refused them, or its answer
     * could not be trusted. Network trouble, by contrast, may pass.
     */
    boolean endsSession() {
        return reason == Reason.DENIED || reason == Reason.UNTRUSTED;
    }
}
