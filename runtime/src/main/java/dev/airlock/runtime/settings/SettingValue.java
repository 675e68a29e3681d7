package dev.airlock.runtime.settings;

import java.util.Optional;

/**
 * One setting as the settings screen shows it.
 *
 * @param value empty when no source set it and the key has no default
 * @param locked the company manages it: the user cannot change it, and the screen shows a lock
 */
public record SettingValue<T>(SettingKey<T> key, Optional<T> value, SettingSource source, boolean locked) {}
