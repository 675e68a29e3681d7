package dev.airlock.app.cli;

import dev.airlock.app.daemon.DaemonException;
import dev.airlock.app.daemon.DaemonOptions;
import java.util.Map;

/** Runs the engine for {@code airlock daemon} until it stops; returns the process exit code. */
@FunctionalInterface
public interface DaemonRunner {

    int run(DaemonOptions options, Map<String, String> environment) throws DaemonException;
}
