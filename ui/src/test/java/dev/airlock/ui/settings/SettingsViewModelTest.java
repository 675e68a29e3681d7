package dev.airlock.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.ControlException;
import dev.airlock.ui.common.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {

    /** The settings file and the operating system, played by the test: outside the unit. */
    static final class Settings implements DesktopSettings {
        String theme = "system";
        boolean themeLocked;
        boolean startAtLogin;
        boolean startLocked;
        String startUnavailable;
        String refuse;
        final List<String> changes = new ArrayList<>();

        @Override
        public Snapshot read() {
            return new Snapshot(theme, themeLocked, startAtLogin, startLocked, startUnavailable);
        }

        @Override
        public void setTheme(String theme) throws ControlException {
            changes.add("theme=" + theme);
            if (refuse != null) {
                throw new ControlException("setting", refuse);
            }
            this.theme = theme;
        }

        @Override
        public void setStartAtLogin(boolean on) throws ControlException {
            changes.add("startAtLogin=" + on);
            if (refuse != null) {
                throw new ControlException("start_at_login", refuse);
            }
            startAtLogin = on;
        }
    }

    private final ResourceBundle strings = ResourceBundle.getBundle("dev.airlock.ui.strings");
    private final Settings settings = new Settings();
    private final SettingsViewModel model =
            new SettingsViewModel(strings, settings, new Background(Runnable::run, Runnable::run));

    @Test
    void showsWhatIsSetWithoutChangingAnything() {
        settings.theme = "dark";
        settings.startAtLogin = true;

        model.load();

        assertThat(model.themeProperty().get()).isEqualTo("dark");
        assertThat(model.startAtLoginProperty().get()).isTrue();
        assertThat(model.startAtLoginChangeableProperty().get()).isTrue();
        assertThat(model.startAtLoginNoteProperty().get()).isEmpty();
        assertThat(settings.changes).isEmpty(); // reading is not a change of the person's
    }

    @Test
    void aChoiceIsSavedAtOnce() {
        model.load();

        model.themeProperty().set("light");
        model.startAtLoginProperty().set(true);

        assertThat(settings.changes).containsExactly("theme=light", "startAtLogin=true");
        assertThat(settings.theme).isEqualTo("light");
        assertThat(model.messageProperty().get()).isEqualTo("Saved.");
        assertThat(model.themeLabel("system")).isEqualTo("Like my computer");
    }

    @Test
    void whatTheCompanyManagesCannotBeChangedAndSaysSo() {
        settings.themeLocked = true;
        settings.startLocked = true;

        model.load();

        assertThat(model.themeLockedProperty().get()).isTrue();
        assertThat(model.startAtLoginChangeableProperty().get()).isFalse();
        assertThat(model.startAtLoginNoteProperty().get()).isEqualTo("Your IT team manages this setting.");
    }

    @Test
    void whereStartAtLoginCannotWorkTheReasonIsShown() {
        settings.startUnavailable = "Start at login needs Airlock as installed; this one runs from a build.";

        model.load();

        assertThat(model.startAtLoginChangeableProperty().get()).isFalse();
        assertThat(model.startAtLoginNoteProperty().get()).startsWith("Start at login needs Airlock as installed");
    }

    @Test
    void aChangeThatFailsSaysWhyAndShowsWhatIsReallySet() {
        model.load();
        settings.refuse = "Airlock could not save your settings: the disk is full.";

        model.startAtLoginProperty().set(true);

        assertThat(model.problemProperty().get().sentence())
                .isEqualTo("Airlock could not save your settings: the disk is full.");
        assertThat(model.startAtLoginProperty().get()).isFalse(); // back to what is set
        assertThat(model.messageProperty().get()).isEmpty();
    }
}
