package dev.airlock.runtime.catalog;

/**
 * One registry entry cannot be offered. The message is the reason a person reads beside the entry,
 * so it is a whole sentence and carries no technical detail.
 */
final class InvalidEntryException extends Exception {

    InvalidEntryException(String reason) {
        // An expected outcome of reading untrusted input, not a fault: no stack trace to fill.
        super(reason, null, false, false);
    }

    /** The entry breaks the server.json format or Airlock's limits on it. */
    static InvalidEntryException invalid(String detail) {
        return new InvalidEntryException("The registry entry is invalid: " + detail + ".");
    }

    /** The entry's {@code dev.airlock/policy} cannot be understood. */
    static InvalidEntryException policy(String detail) {
        return new InvalidEntryException("The company policy for this server is invalid: " + detail + ".");
    }

    /** A value the server needs that only a person could supply. */
    static InvalidEntryException needsSetting(String label) {
        return new InvalidEntryException(
                "This server needs a setting (" + Texts.quote(label) + ") that Airlock cannot ask for yet.");
    }
}
