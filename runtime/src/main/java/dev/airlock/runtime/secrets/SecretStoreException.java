package dev.airlock.runtime.secrets;

/** The keychain refused or failed; the message is for people, the cause for the log. */
public final class SecretStoreException extends Exception {

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
