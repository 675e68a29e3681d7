package dev.airlock.runtime.control;

import java.util.List;

/**
 * What the command line and the desktop app may ask of a running engine. The control socket
 * carries exactly these operations.
 */
public interface EngineControl {

    EngineStatus status();

    List<ServerView> servers();

    /** Turns a server on and returns once it is running or has failed to start. */
    ServerView enable(String server) throws ControlException;

    /** Turns a server off: its container is stopped and removed. */
    ServerView disable(String server) throws ControlException;

    /** Issues a new gateway token for a named AI app; an earlier token for that name stops working. */
    ClientConnection issueClientToken(String clientName) throws ControlException;
}
