package dev.airlock.runtime.auth;

/**
 * No browser could be started. The message says what was tried; it never holds the address, which
 * may carry a token hint and must not reach the log.
 */
public final class BrowserException extends Exception {

    public BrowserException(String message) {
        super(message);
    }
}
