package dev.airlock.app.platform.theme;

import dev.airlock.runtime.settings.SettingKey;
import dev.airlock.runtime.settings.Settings;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The setting {@code ui.theme}: follow the system, or always light or dark. */
public enum ThemePreference {
    SYSTEM,
    LIGHT,
    DARK;

    private static final Logger LOG = LoggerFactory.getLogger(ThemePreference.class);

    /** As written in settings: {@code system}, {@code light}, {@code dark}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a setting's value, in any case. Anything else means {@link #SYSTEM}, and is logged: the
     * setting is text, so an admin's typo reaches here rather than being refused earlier.
     */
    public static ThemePreference parse(String value) {
        if (value != null) {
            for (ThemePreference preference : values()) {
                if (preference.wireName().equalsIgnoreCase(value.strip())) {
                    return preference;
                }
            }
            LOG.warn(
                    "The setting {} is \"{}\", which is not system, light or dark; following the system",
                    SettingKey.UI_THEME.name(),
                    value);
        }
        return SYSTEM;
    }

    /** The preference in force. */
    public static ThemePreference of(Settings settings) {
        return parse(settings.get(SettingKey.UI_THEME).value().orElse(null));
    }

    /** The look to use; the OS is asked only when the preference is {@link #SYSTEM}. */
    public Theme resolve(Supplier<Theme> system) {
        return switch (this) {
            case SYSTEM -> system.get();
            case LIGHT -> Theme.LIGHT;
            case DARK -> Theme.DARK;
        };
    }
}
