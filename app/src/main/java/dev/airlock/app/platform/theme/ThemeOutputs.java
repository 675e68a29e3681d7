package dev.airlock.app.platform.theme;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the OS tools print about the look; each answer is empty when it says nothing clear. */
final class ThemeOutputs {

    // "    AppsUseLightTheme    REG_DWORD    0x0"
    private static final Pattern LIGHT_THEME_VALUE =
            Pattern.compile("(?m)^\\s*AppsUseLightTheme\\s+REG_DWORD\\s+0x([0-9a-fA-F]+)\\s*$");

    private ThemeOutputs() {}

    /** {@code gsettings get org.gnome.desktop.interface color-scheme}: {@code 'prefer-dark'}, {@code 'default'}, ... */
    static Optional<Theme> gnomeColorScheme(String output) {
        return switch (unquote(output)) {
            case "prefer-dark" -> Optional.of(Theme.DARK);
            case "prefer-light" -> Optional.of(Theme.LIGHT);
            default -> Optional.empty(); // 'default': the theme's name decides
        };
    }

    /** {@code gsettings get org.gnome.desktop.interface gtk-theme}: {@code 'Adwaita-dark'}, {@code 'Yaru'}, ... */
    static Optional<Theme> gtkThemeName(String output) {
        String name = unquote(output);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(name.toLowerCase(Locale.ROOT).contains("dark") ? Theme.DARK : Theme.LIGHT);
    }

    /**
     * {@code defaults read -g AppleInterfaceStyle}: prints {@code Dark} in dark mode; in light mode
     * the key does not exist and the tool fails.
     */
    static Theme appleInterfaceStyle(int exitCode, String output) {
        return exitCode == 0 && output.strip().equalsIgnoreCase("dark") ? Theme.DARK : Theme.LIGHT;
    }

    /**
     * {@code reg query HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize /v
     * AppsUseLightTheme}: {@code 0x0} means apps are dark.
     */
    static Optional<Theme> appsUseLightTheme(String output) {
        Matcher value = LIGHT_THEME_VALUE.matcher(output);
        if (!value.find()) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value.group(1), 16) == 0 ? Theme.DARK : Theme.LIGHT);
    }

    /** gsettings prints GVariant text: a string in single quotes, with a newline. */
    private static String unquote(String output) {
        String text = output.strip();
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.strip();
    }
}
