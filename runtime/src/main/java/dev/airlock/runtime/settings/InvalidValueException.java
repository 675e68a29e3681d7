package dev.airlock.runtime.settings;

/**
 * A value has the wrong type or shape. The message completes "The setting X in SOURCE ...", such
 * as "must be a whole number from 1024 to 65535", and never repeats the value: it may be a
 * secret put into the wrong place.
 */
final class InvalidValueException extends Exception {

    InvalidValueException(String expectation) {
        super(expectation);
    }
}
