package dev.airlock.runtime.server;

/**
 * A secret that cannot be stored as asked: the server has no secret of that name, or the value is
 * empty or too long. The message is for people and never quotes the value.
 */
public final class InvalidSecretException extends Exception {

    public InvalidSecretException(String message) {
        super(message);
    }
}
