package dev.airlock.runtime.settings;

/** The company's address cannot be used; the message tells the user what to do. */
public final class DiscoveryException extends Exception {

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
