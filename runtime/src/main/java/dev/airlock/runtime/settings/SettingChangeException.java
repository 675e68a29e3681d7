package dev.airlock.runtime.settings;

/** The user's change was not made; the message says why in words for the settings screen. */
public abstract sealed class SettingChangeException extends Exception
        permits SettingLockedException, InvalidSettingException {

    private final SettingKey<?> key;

    SettingChangeException(SettingKey<?> key, String message) {
        super(message);
        this.key = key;
    }

    public SettingKey<?> key() {
        return key;
    }
}
