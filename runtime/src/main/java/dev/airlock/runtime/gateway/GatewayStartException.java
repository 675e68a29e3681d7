package dev.airlock.runtime.gateway;

/** The gateway could not start; the message says why and what to do. */
public final class GatewayStartException extends Exception {

    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
