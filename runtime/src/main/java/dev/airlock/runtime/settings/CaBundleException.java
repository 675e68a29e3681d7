package dev.airlock.runtime.settings;

/** The company's CA bundle cannot be used; the message says why in plain words. */
public final class CaBundleException extends Exception {

    public CaBundleException(String message) {
        super(message);
    }

    public CaBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
