package dev.airlock.runtime.settings;

/** A settings source (the company's or the user's file) exists but cannot be read; the message names it and says why. */
public final class SettingsSourceException extends Exception {

    public SettingsSourceException(String message) {
        super(message);
    }

    public SettingsSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
