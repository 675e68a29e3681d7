package dev.airlock.runtime.settings;

/** The company manages this setting, so the user cannot change it. */
public final class SettingLockedException extends SettingChangeException {

    public static final String MESSAGE = "Your company manages this setting.";

    SettingLockedException(SettingKey<?> key) {
        super(key, MESSAGE);
    }
}
