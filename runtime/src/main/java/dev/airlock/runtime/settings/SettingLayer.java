package dev.airlock.runtime.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usable values of one source (the company's, or the user's), read through the allow-list
 * and checked against each key's type, with what could not be used.
 */
record SettingLayer(Map<SettingKey<?>, Object> values, List<SettingProblem> problems) {

    static final SettingLayer EMPTY = new SettingLayer(Map.of(), List.of());

    SettingLayer {
        values = Map.copyOf(values);
        problems = List.copyOf(problems);
    }

    @SuppressWarnings("unchecked") // SettingsReader stores each key with a value its type read
    <T> Optional<T> get(SettingKey<T> key) {
        return Optional.ofNullable((T) values.get(key));
    }
}
