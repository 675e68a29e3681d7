package dev.airlock.app.platform.theme;

import dev.airlock.app.platform.CommandRunner;
import dev.airlock.app.platform.OperatingSystem;

/** Picks the theme detector for this computer; where the OS has none, {@link ThemeDetector#LIGHT}. */
public final class ThemeDetectors {

    private ThemeDetectors() {}

    public static ThemeDetector forThisComputer() {
        return forSystem(OperatingSystem.current(), CommandRunner.system());
    }

    static ThemeDetector forSystem(OperatingSystem os, CommandRunner commands) {
        return os == OperatingSystem.OTHER ? ThemeDetector.LIGHT : new CommandThemeDetector(os, commands);
    }
}
