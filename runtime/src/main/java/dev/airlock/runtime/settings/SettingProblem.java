package dev.airlock.runtime.settings;

/**
 * A value Airlock could not use, kept so that the settings screen and {@code airlock doctor} can
 * show it. The setting falls back to the next source.
 *
 * @param key the setting's name as written in the source; empty when the whole source is unusable
 * @param origin where it was written, such as {@code /etc/airlock/policy.json}
 * @param message a sentence for people, naming both (never the value)
 */
public record SettingProblem(String key, String origin, String message) {}
