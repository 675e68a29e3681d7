package dev.airlock.runtime.control;

import java.util.List;
import java.util.function.Consumer;

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

    /**
     * Signs the user in to their company through the system browser, and returns once they are
     * signed in (or it failed, was cancelled or timed out).
     *
     * @param companyAddress on first run, the company address the user typed (its registry); null
     *     to use the company already set up
     * @param notices hears what the user must know while Airlock waits for them
     */
    UserView signIn(String companyAddress, Consumer<SignInNotice> notices) throws ControlException;

    /** Signs out: the servers stop, and the catalog and the saved sign-in are forgotten. */
    void signOut() throws ControlException;
}
