package dev.airlock.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.app.platform.autostart.LaunchCommand;
import dev.airlock.app.platform.autostart.NoAutoStart;
import dev.airlock.app.platform.autostart.XdgAutoStart;
import dev.airlock.app.platform.theme.Theme;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.settings.LinuxPolicyFile;
import dev.airlock.runtime.settings.ManagedSource;
import dev.airlock.runtime.settings.SettingsStore;
import dev.airlock.ui.settings.DesktopSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDesktopSettingsTest {

    @TempDir
    Path dir;

    private final List<Theme> applied = new CopyOnWriteArrayList<>();

    @Test
    void theLookIsSavedInTheUsersSettingsAndAppliedAtOnce() throws Exception {
        var settings = new AppDesktopSettings(
                new SettingsStore(ManagedSource.none(), dir.resolve("settings.json")),
                new NoAutoStart("not here"),
                () -> Theme.DARK, // the computer's look
                applied::add);

        settings.setTheme("light");
        settings.setTheme("system");

        assertThat(applied).containsExactly(Theme.LIGHT, Theme.DARK);
        assertThat(Files.readString(dir.resolve("settings.json")))
                .contains("ui.theme")
                .contains("system");
        assertThat(settings.read().theme()).isEqualTo("system");
    }

    @Test
    void startAtLoginWritesTheDesktopEntryAndRemovesIt() throws Exception {
        Path configHome = dir.resolve("config");
        var settings = new AppDesktopSettings(
                new SettingsStore(ManagedSource.none(), dir.resolve("settings.json")),
                new XdgAutoStart(configHome, new LaunchCommand(Path.of("/opt/airlock/bin/Airlock"), List.of())),
                () -> Theme.LIGHT,
                applied::add);

        settings.setStartAtLogin(true);
        assertThat(configHome.resolve("autostart/airlock.desktop")).exists();
        assertThat(settings.read().startAtLogin()).isTrue();
        assertThat(settings.read().startAtLoginUnavailable()).isNull();

        settings.setStartAtLogin(false);
        assertThat(settings.read().startAtLogin()).isFalse();
        assertThat(configHome.resolve("autostart/airlock.desktop")).doesNotExist();
    }

    @Test
    void whatTheCompanyManagesIsShownAsLockedAndCannotBeChanged() throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"ui.theme\": \"dark\"}");
        var settings = new AppDesktopSettings(
                new SettingsStore(new LinuxPolicyFile(policy), dir.resolve("settings.json")),
                new NoAutoStart("Start at login needs Airlock as installed."),
                () -> Theme.LIGHT,
                applied::add);

        DesktopSettings.Snapshot now = settings.read();
        assertThat(now.theme()).isEqualTo("dark");
        assertThat(now.themeLocked()).isTrue();
        assertThat(now.startAtLoginLocked()).isFalse();
        assertThat(now.startAtLoginUnavailable()).isEqualTo("Start at login needs Airlock as installed.");
        assertThatThrownBy(() -> settings.setTheme("light")).isInstanceOf(ControlException.class);
        assertThat(applied).isEmpty();
        assertThat(settings.read().theme()).isEqualTo("dark");
    }
}
