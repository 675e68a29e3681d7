package dev.airlock.runtime.settings;

/** The value does not fit the setting, such as port 80 for the gateway. */
public final class InvalidSettingException extends SettingChangeException {

    InvalidSettingException(SettingKey<?> key, String message) {
        super(key, message);
    }
}
