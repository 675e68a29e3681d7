package dev.airlock.app.bridge;

/**
 * Airlock could not give the bridge an endpoint.
 *
 * @param retryable whether waiting may help (Airlock is not running, or not answering yet)
 */
public final class EndpointException extends Exception {

    private final boolean retryable;

    public EndpointException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
