package dev.airlock.ui.settings;

import dev.airlock.ui.common.Background;
import dev.airlock.ui.common.Problem;
import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Settings screen: the look (like the computer, light or dark) and start at login. A choice the
 * company manages is shown but cannot be changed, with a note saying so; start at login where this
 * copy of Airlock cannot offer it says why. A change is saved at once, in the background; if it
 * fails, the screen goes back to what is really set and says why.
 */
public final class SettingsViewModel {

    /** The looks, in the order offered. */
    public static final List<String> THEMES = List.of("system", "light", "dark");

    private final ResourceBundle strings;
    private final DesktopSettings settings;
    private final Background background;
    private final StringProperty theme = new SimpleStringProperty("system");
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper themeLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper startAtLoginChangeable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper startAtLoginNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();
    private boolean showing; // while the screen shows what was read, changes are not the person's

    public SettingsViewModel(ResourceBundle strings, DesktopSettings settings, Background background) {
        this.strings = strings;
        this.settings = settings;
        this.background = background;
        theme.addListener((property, old, now) -> {
            if (!showing && now != null && !now.equals(old)) {
                change(() -> settings.setTheme(now));
            }
        });
        startAtLogin.addListener((property, old, now) -> {
            if (!showing && now != old) {
                change(() -> settings.setStartAtLogin(now));
            }
        });
    }

    /** Reads the settings afresh, for when the screen is shown. */
    public void load() {
        background.run(settings::read, this::show, problem::set);
    }

    /** The look: {@code system}, {@code light} or {@code dark}. */
    public StringProperty themeProperty() {
        return theme;
    }

    public BooleanProperty startAtLoginProperty() {
        return startAtLogin;
    }

    public ReadOnlyBooleanProperty themeLockedProperty() {
        return themeLocked.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startAtLoginChangeableProperty() {
        return startAtLoginChangeable.getReadOnlyProperty();
    }

    /** Why start at login cannot be changed (the company manages it, or this copy cannot), or empty. */
    public ReadOnlyStringProperty startAtLoginNoteProperty() {
        return startAtLoginNote.getReadOnlyProperty();
    }

    /** The outcome of the last change, in a sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObjectProperty<Problem> problemProperty() {
        return problem;
    }

    /** A look's name as people read it. */
    public String themeLabel(String theme) {
        return strings.getString("settings.theme." + (THEMES.contains(theme) ? theme : "system"));
    }

    private void change(Change change) {
        message.set(strings.getString("settings.saving"));
        background.run(
                () -> {
                    change.run();
                    return settings.read();
                },
                snapshot -> {
                    show(snapshot);
                    message.set(strings.getString("settings.saved"));
                    problem.set(null);
                },
                failure -> {
                    message.set("");
                    problem.set(failure);
                    load(); // back to what is really set
                });
    }

    private void show(DesktopSettings.Snapshot snapshot) {
        showing = true;
        try {
            theme.set(THEMES.contains(snapshot.theme()) ? snapshot.theme() : "system");
            startAtLogin.set(snapshot.startAtLogin());
        } finally {
            showing = false;
        }
        themeLocked.set(snapshot.themeLocked());
        boolean changeable = !snapshot.startAtLoginLocked() && snapshot.startAtLoginUnavailable() == null;
        startAtLoginChangeable.set(changeable);
        startAtLoginNote.set(
                snapshot.startAtLoginLocked()
                        ? strings.getString("settings.managed")
                        : snapshot.startAtLoginUnavailable() == null ? "" : snapshot.startAtLoginUnavailable());
    }

    @FunctionalInterface
    private interface Change {
        void run() throws dev.airlock.runtime.control.ControlException;
    }
}
