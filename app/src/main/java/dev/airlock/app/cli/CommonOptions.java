package dev.airlock.app.cli;

import dev.airlock.runtime.state.StateDirectory;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every subcommand takes. */
final class CommonOptions {

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "The instance's state directory (default: $AIRLOCK_STATE_DIR, else the usual per-user place).")
    Path stateDir;

    @Option(names = "--json", description = "Print the result, or the error, as one JSON document on stdout.")
    boolean json;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;

    StateDirectory stateDirectory(Map<String, String> env) {
        return StateDirectory.resolve(stateDir, env);
    }
}
