package dev.airlock.runtime.settings;

import java.util.Locale;

/** Which builds of Airlock the computer updates to. */
public enum UpdateChannel {
    STABLE,
    BETA;

    /** As written in settings: {@code stable}, {@code beta}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
