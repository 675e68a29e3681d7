package dev.airlock.runtime.state;

import java.nio.file.Path;

/** Another live Airlock instance already owns this state directory. */
public final class AlreadyRunningException extends Exception {

    public AlreadyRunningException(Path stateDir) {
        super("Airlock is already running with the state directory " + stateDir + ".");
    }
}
