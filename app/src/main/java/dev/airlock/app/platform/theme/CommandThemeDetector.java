package dev.airlock.app.platform.theme;

import dev.airlock.app.platform.CommandRunner;
import dev.airlock.app.platform.OperatingSystem;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks the OS's own tool: gsettings on Linux, defaults on macOS, reg on Windows. */
final class CommandThemeDetector implements ThemeDetector {

    private static final Logger LOG = LoggerFactory.getLogger(CommandThemeDetector.class);

    static final List<String> GNOME_COLOR_SCHEME =
            List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
    static final List<String> GNOME_GTK_THEME = List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme");
    static final List<String> MAC_INTERFACE_STYLE = List.of("defaults", "read", "-g", "AppleInterfaceStyle");
    static final List<String> WINDOWS_APPS_THEME = List.of(
            "reg",
            "query",
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
            "/v",
            "AppsUseLightTheme");

    private final OperatingSystem os;
    private final CommandRunner commands;

    CommandThemeDetector(OperatingSystem os, CommandRunner commands) {
        this.os = os;
        this.commands = commands;
    }

    @Override
    public Theme detect() {
        try {
            return switch (os) {
                case LINUX -> linux();
                case MAC -> {
                    CommandRunner.Result style = commands.run(MAC_INTERFACE_STYLE);
                    yield ThemeOutputs.appleInterfaceStyle(style.exitCode(), style.stdout());
                }
                case WINDOWS ->
                    succeeded(WINDOWS_APPS_THEME)
                            .flatMap(ThemeOutputs::appsUseLightTheme)
                            .orElse(Theme.LIGHT);
                case OTHER -> Theme.LIGHT;
            };
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not tell whether the system look is dark; using light: {}", e.toString());
            return Theme.LIGHT;
        }
    }

    /** The colour scheme (GNOME 42 and later) decides; where it says nothing, a theme named "…dark" does. */
    private Theme linux() throws IOException {
        Optional<Theme> scheme = succeeded(GNOME_COLOR_SCHEME).flatMap(ThemeOutputs::gnomeColorScheme);
        if (scheme.isPresent()) {
            return scheme.get();
        }
        return succeeded(GNOME_GTK_THEME).flatMap(ThemeOutputs::gtkThemeName).orElse(Theme.LIGHT);
    }

    private Optional<String> succeeded(List<String> command) throws IOException {
        CommandRunner.Result result = commands.run(command);
        return result.succeeded() ? Optional.of(result.stdout()) : Optional.empty();
    }
}
