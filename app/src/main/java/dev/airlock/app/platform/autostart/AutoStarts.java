package dev.airlock.app.platform.autostart;

import dev.airlock.app.platform.CommandRunner;
import dev.airlock.app.platform.OperatingSystem;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Picks start at login for this computer, or {@link NoAutoStart} with the reason. */
public final class AutoStarts {

    private AutoStarts() {}

    /** For this process: its OS, environment, home directory and launcher. */
    public static AutoStart forThisComputer() {
        return choose(
                OperatingSystem.current(),
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                LaunchCommand.ofThisProcess(),
                CommandRunner.system());
    }

    static AutoStart choose(
            OperatingSystem os,
            Map<String, String> environment,
            Path home,
            Optional<LaunchCommand> launcher,
            CommandRunner commands) {
        if (launcher.isEmpty()) {
            return new NoAutoStart("Start at login needs Airlock as installed; this one runs from a build." + " Set "
                    + LaunchCommand.ENV + " to the launcher to try it.");
        }
        return switch (os) {
            case LINUX -> new XdgAutoStart(XdgAutoStart.configHome(environment, home), launcher.get());
            case MAC -> new LaunchAgentAutoStart(home, launcher.get());
            case WINDOWS -> new WindowsRunKeyAutoStart(commands, launcher.get());
            case OTHER -> new NoAutoStart("Airlock cannot start at login on this operating system.");
        };
    }
}
