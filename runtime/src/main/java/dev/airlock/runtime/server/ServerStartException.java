package dev.airlock.runtime.server;

/** A server did not become ready; the message completes "The server could not start: …". */
public final class ServerStartException extends Exception {

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
