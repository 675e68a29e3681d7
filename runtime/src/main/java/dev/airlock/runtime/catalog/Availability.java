package dev.airlock.runtime.catalog;

/** Whether a catalog entry can be turned on, and if not, why, in words a person can act on. */
public sealed interface Availability {

    record Available() implements Availability {}

    record Unavailable(String reason) implements Availability {}

    static Availability available() {
        return new Available();
    }

    static Availability unavailable(String reason) {
        return new Unavailable(reason);
    }
}
