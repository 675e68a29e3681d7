package dev.airlock.app.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a system tool (gsettings, defaults, reg) and returns what it printed. An interface so the
 * OS adapters can be tested with the outputs real tools give, without the tools.
 */
@FunctionalInterface
public interface CommandRunner {

    /** How long a tool may take; they answer in milliseconds, so this only guards against a hang. */
    Duration TIMEOUT = Duration.ofSeconds(10);

    /** @param stdout what the tool wrote to standard output, as text */
    record Result(int exitCode, String stdout) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * @throws IOException when the tool cannot be started (not installed), does not finish in time,
     *     or the wait is interrupted
     */
    Result run(List<String> command) throws IOException;

    /** Runs real processes. */
    static CommandRunner system() {
        return new ProcessCommandRunner(TIMEOUT);
    }
}
