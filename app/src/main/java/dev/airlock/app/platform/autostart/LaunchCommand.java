package dev.airlock.app.platform.autostart;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What start at login runs: the installed launcher, with no arguments (the desktop app, or the
 * running one brought to the front).
 *
 * @param executable the launcher, such as {@code /opt/airlock/bin/Airlock},
 *     {@code /Applications/Airlock.app/Contents/MacOS/Airlock} or
 *     {@code C:\Program Files\Airlock\Airlock.exe}
 */
public record LaunchCommand(Path executable, List<String> arguments) {

    /** Set on the command line ({@code -Dairlock.launcher=...}) to name the launcher explicitly. */
    public static final String PROPERTY = "airlock.launcher";

    /** The same, from the environment. */
    public static final String ENV = "AIRLOCK_LAUNCHER";

    /** Set by every launcher jpackage makes: the path of that launcher. */
    static final String JPACKAGE_PROPERTY = "jpackage.app-path";

    public LaunchCommand {
        Objects.requireNonNull(executable);
        arguments = List.copyOf(arguments);
    }

    /**
     * The launcher this process was started by, when known: {@value #PROPERTY}, else
     * {@value #ENV}, else the path jpackage's launcher reports. Empty when Airlock runs from a
     * build (java -jar, ./airlock without {@value #ENV}).
     */
    public static Optional<LaunchCommand> installed(Map<String, String> environment, Map<String, String> properties) {
        for (String candidate :
                new String[] {properties.get(PROPERTY), environment.get(ENV), properties.get(JPACKAGE_PROPERTY)}) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(new LaunchCommand(Path.of(candidate.strip()), List.of()));
            }
        }
        return Optional.empty();
    }

    /** The launcher of this process, from its system properties and environment. */
    public static Optional<LaunchCommand> ofThisProcess() {
        return installed(
                System.getenv(),
                Map.of(
                        PROPERTY, System.getProperty(PROPERTY, ""),
                        JPACKAGE_PROPERTY, System.getProperty(JPACKAGE_PROPERTY, "")));
    }
}
