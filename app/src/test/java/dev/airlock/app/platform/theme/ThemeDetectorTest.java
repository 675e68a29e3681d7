package dev.airlock.app.platform.theme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.app.platform.CommandRunner;
import dev.airlock.app.platform.OperatingSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The system look, read from what gsettings, defaults and reg print. */
class ThemeDetectorTest {

    /** Answers each command with a scripted result; a command not scripted fails as a missing tool does. */
    private static CommandRunner answering(Map<List<String>, CommandRunner.Result> answers, List<List<String>> asked) {
        return command -> {
            asked.add(command);
            CommandRunner.Result answer = answers.get(command);
            if (answer == null) {
                throw new IOException("Cannot run program \"" + command.getFirst() + "\": error=2, No such file");
            }
            return answer;
        };
    }

    private static Theme detect(OperatingSystem os, Map<List<String>, CommandRunner.Result> answers) {
        return ThemeDetectors.forSystem(os, answering(answers, new ArrayList<>()))
                .detect();
    }

    private static CommandRunner.Result ok(String output) {
        return new CommandRunner.Result(0, output);
    }

    // ---- Linux

    @Test
    void gnomePreferDarkIsDark() {
        assertThat(detect(
                        OperatingSystem.LINUX, Map.of(CommandThemeDetector.GNOME_COLOR_SCHEME, ok("'prefer-dark'\n"))))
                .isEqualTo(Theme.DARK);
    }

    @Test
    void gnomeDefaultSchemeWithADarkThemeIsDark() {
        var asked = new ArrayList<List<String>>();
        var detector = ThemeDetectors.forSystem(
                OperatingSystem.LINUX,
                answering(
                        Map.of(
                                CommandThemeDetector.GNOME_COLOR_SCHEME, ok("'default'\n"),
                                CommandThemeDetector.GNOME_GTK_THEME, ok("'Adwaita-dark'\n")),
                        asked));

        assertThat(detector.detect()).isEqualTo(Theme.DARK);
        assertThat(asked)
                .containsExactly(CommandThemeDetector.GNOME_COLOR_SCHEME, CommandThemeDetector.GNOME_GTK_THEME);
    }

    @Test
    void gnomeDefaultSchemeWithALightThemeIsLight() {
        assertThat(detect(
                        OperatingSystem.LINUX,
                        Map.of(
                                CommandThemeDetector.GNOME_COLOR_SCHEME, ok("'default'\n"),
                                CommandThemeDetector.GNOME_GTK_THEME, ok("'Yaru'\n"))))
                .isEqualTo(Theme.LIGHT);
    }

    @Test
    void anOlderGnomeWithoutColorSchemeFallsBackToTheThemeName() {
        // GNOME before 42: "No such key", exit 1
        assertThat(detect(
                        OperatingSystem.LINUX,
                        Map.of(
                                CommandThemeDetector.GNOME_COLOR_SCHEME,
                                new CommandRunner.Result(1, ""),
                                CommandThemeDetector.GNOME_GTK_THEME,
                                ok("'Arc-Dark'\n"))))
                .isEqualTo(Theme.DARK);
    }

    @Test
    void preferLightWinsOverADarkThemeName() {
        assertThat(detect(
                        OperatingSystem.LINUX,
                        Map.of(
                                CommandThemeDetector.GNOME_COLOR_SCHEME, ok("'prefer-light'\n"),
                                CommandThemeDetector.GNOME_GTK_THEME, ok("'Adwaita-dark'\n"))))
                .isEqualTo(Theme.LIGHT);
    }

    @Test
    void withoutGsettingsItIsLight() {
        assertThat(detect(OperatingSystem.LINUX, Map.of())).isEqualTo(Theme.LIGHT);
    }

    // ---- macOS

    @Test
    void macDarkModeIsDark() {
        assertThat(detect(OperatingSystem.MAC, Map.of(CommandThemeDetector.MAC_INTERFACE_STYLE, ok("Dark\n"))))
                .isEqualTo(Theme.DARK);
    }

    @Test
    void macLightModeHasNoSuchKeyAndIsLight() {
        // "The domain/default pair of (kCFPreferencesAnyApplication, AppleInterfaceStyle) does not exist", exit 1
        assertThat(detect(
                        OperatingSystem.MAC,
                        Map.of(CommandThemeDetector.MAC_INTERFACE_STYLE, new CommandRunner.Result(1, ""))))
                .isEqualTo(Theme.LIGHT);
    }

    // ---- Windows

    private static final String REG_HEADER =
            "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n";

    @Test
    void windowsAppsInDarkModeAreDark() {
        assertThat(detect(
                        OperatingSystem.WINDOWS,
                        Map.of(
                                CommandThemeDetector.WINDOWS_APPS_THEME,
                                ok(REG_HEADER + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n"))))
                .isEqualTo(Theme.DARK);
    }

    @Test
    void windowsAppsInLightModeAreLight() {
        assertThat(detect(
                        OperatingSystem.WINDOWS,
                        Map.of(
                                CommandThemeDetector.WINDOWS_APPS_THEME,
                                ok(REG_HEADER + "    AppsUseLightTheme    REG_DWORD    0x1\r\n\r\n"))))
                .isEqualTo(Theme.LIGHT);
    }

    @Test
    void windowsWithoutTheValueIsLight() {
        assertThat(detect(
                        OperatingSystem.WINDOWS,
                        Map.of(CommandThemeDetector.WINDOWS_APPS_THEME, new CommandRunner.Result(1, ""))))
                .isEqualTo(Theme.LIGHT);
        assertThat(detect(
                        OperatingSystem.WINDOWS,
                        Map.of(
                                CommandThemeDetector.WINDOWS_APPS_THEME,
                                ok(REG_HEADER + "    Other    REG_SZ    x\r\n"))))
                .isEqualTo(Theme.LIGHT);
    }

    // ---- parsers and failures

    @Test
    void theParsersReadExactlyTheirTool() {
        assertThat(ThemeOutputs.gnomeColorScheme("'prefer-dark'")).contains(Theme.DARK);
        assertThat(ThemeOutputs.gnomeColorScheme("'default'")).isEmpty();
        assertThat(ThemeOutputs.gnomeColorScheme("")).isEmpty();
        assertThat(ThemeOutputs.gtkThemeName("'HighContrastInverse'")).contains(Theme.LIGHT);
        assertThat(ThemeOutputs.gtkThemeName("'Pop-DARK'")).contains(Theme.DARK);
        assertThat(ThemeOutputs.gtkThemeName("''")).isEmpty();
        assertThat(ThemeOutputs.appleInterfaceStyle(0, "Light")).isEqualTo(Theme.LIGHT);
        assertThat(ThemeOutputs.appsUseLightTheme("    AppsUseLightTheme    REG_DWORD    0x00000000"))
                .contains(Theme.DARK);
        assertThat(ThemeOutputs.appsUseLightTheme("    AppsUseLightTheme    REG_SZ    0"))
                .isEmpty();
    }

    @Test
    void aToolThatBreaksMeansLight() {
        CommandRunner broken = command -> {
            throw new IllegalStateException("unexpected");
        };

        for (OperatingSystem os : OperatingSystem.values()) {
            assertThat(ThemeDetectors.forSystem(os, broken).detect())
                    .as(os.name())
                    .isEqualTo(Theme.LIGHT);
        }
    }

    @Test
    void otherSystemsAreLightWithoutAsking() {
        var asked = new ArrayList<List<String>>();

        assertThat(ThemeDetectors.forSystem(OperatingSystem.OTHER, answering(Map.of(), asked))
                        .detect())
                .isEqualTo(Theme.LIGHT);
        assertThat(asked).isEmpty();
    }
}
