package dev.airlock.runtime.catalog;

/** The catalog as a whole could not be read; the message says why in words a person can act on. */
public final class CatalogException extends Exception {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
