package dev.airlock.app.cli;

import dev.airlock.app.daemon.DaemonOptions;

/** Runs the engine for {@code airlock daemon} until it stops; returns the process exit code. */
@FunctionalInterface
public interface DaemonRunner {

    int run(DaemonOptions options);
}
