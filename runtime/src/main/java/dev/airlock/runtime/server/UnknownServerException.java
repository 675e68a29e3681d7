package dev.airlock.runtime.server;

/** A server name that is not in the user's catalog. */
public final class UnknownServerException extends Exception {

    public UnknownServerException(String name) {
        super("There is no server named '%s' in your catalog. Run `airlock servers` to see the names.".formatted(name));
    }
}
