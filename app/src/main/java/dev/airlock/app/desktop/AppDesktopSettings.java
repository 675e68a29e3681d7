package dev.airlock.app.desktop;

import dev.airlock.app.platform.autostart.AutoStart;
import dev.airlock.app.platform.autostart.AutoStartException;
import dev.airlock.app.platform.autostart.AutoStarts;
import dev.airlock.app.platform.autostart.NoAutoStart;
import dev.airlock.app.platform.theme.Theme;
import dev.airlock.app.platform.theme.ThemeDetector;
import dev.airlock.app.platform.theme.ThemeDetectors;
import dev.airlock.app.platform.theme.ThemePreference;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.settings.SettingChangeException;
import dev.airlock.runtime.settings.SettingKey;
import dev.airlock.runtime.settings.Settings;
import dev.airlock.runtime.settings.SettingsStore;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.ui.settings.DesktopSettings;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The Settings screen's choices, kept in the user's settings file (where the company's managed
 * settings can lock them) and applied at once: the look to the window, start at login to the
 * operating system.
 */
public final class AppDesktopSettings implements DesktopSettings {

    private final SettingsStore store;
    private final AutoStart autoStart;
    private final ThemeDetector system;
    private final Consumer<Theme> applyTheme;

    /**
     * @param applyTheme shows a look in the window; called on a background thread
     */
    public AppDesktopSettings(
            SettingsStore store, AutoStart autoStart, ThemeDetector system, Consumer<Theme> applyTheme) {
        this.store = store;
        this.autoStart = autoStart;
        this.system = system;
        this.applyTheme = applyTheme;
    }

    /** The settings of this state directory, start at login for this OS, the look shown in every window. */
    public static AppDesktopSettings forThisComputer(StateDirectory dir, Map<String, String> environment) {
        return new AppDesktopSettings(
                SettingsStore.forThisComputer(dir, environment),
                AutoStarts.forThisComputer(),
                ThemeDetectors.forThisComputer(),
                theme -> Platform.runLater(() -> DesktopWindow.applyTheme(theme)));
    }

    @Override
    public Snapshot read() {
        Settings settings = store.reload();
        return new Snapshot(
                ThemePreference.of(settings).wireName(),
                settings.locked(SettingKey.UI_THEME),
                startAtLogin(settings),
                settings.locked(SettingKey.UI_START_AT_LOGIN),
                autoStart instanceof NoAutoStart none ? none.reason() : null);
    }

    @Override
    public void setTheme(String theme) throws ControlException {
        ThemePreference preference = ThemePreference.parse(theme);
        save(SettingKey.UI_THEME, preference.wireName());
        applyTheme.accept(preference.resolve(system::detect));
    }

    @Override
    public void setStartAtLogin(boolean on) throws ControlException {
        save(SettingKey.UI_START_AT_LOGIN, on);
        try {
            autoStart.apply(on);
        } catch (AutoStartException e) {
            throw new ControlException("start_at_login", e.getMessage());
        }
    }

    private <T> void save(SettingKey<T> key, T value) throws ControlException {
        try {
            store.set(key, value);
        } catch (SettingChangeException e) {
            throw new ControlException("setting", e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ControlException(
                    "setting",
                    "Airlock could not save your settings: " + e.getCause().getMessage());
        }
    }

    private static boolean startAtLogin(Settings settings) {
        return settings.get(SettingKey.UI_START_AT_LOGIN)
                .value()
                .map(Boolean.class::cast)
                .orElse(false);
    }
}
