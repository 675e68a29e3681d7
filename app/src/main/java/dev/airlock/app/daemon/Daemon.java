package dev.airlock.app.daemon;

/** Runs the engine without a GUI until it is stopped. */
public final class Daemon {

    private final DaemonOptions options;

    public Daemon(DaemonOptions options) {
        this.options = options;
    }

    /** Blocks until the engine stops; returns the process exit code. */
    public int run() {
        throw new UnsupportedOperationException("not yet wired: " + options);
    }
}
