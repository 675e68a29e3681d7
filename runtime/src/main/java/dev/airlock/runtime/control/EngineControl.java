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

    /**
     * The most recent calls through the gateway, newest first.
     *
     * @param server only this server's calls; null for all
     */
    List<ActivityView> activity(int limit, String server) throws ControlException;

    /**
     * Stores a secret a server needs in the OS keychain (replacing any earlier value). A server that
     * was waiting for it starts.
     */
    ServerView setSecret(String server, String name, String value) throws ControlException;

    /** Removes a stored secret; a running server that needs it is stopped. */
    ServerView removeSecret(String server, String name) throws ControlException;

    /**
     * Trusts a tool of a running server that Airlock hid because it is new, changed or was renamed
     * since the user last used it; AI apps on the server hear that its list of tools changed.
     */
    ServerView approveTool(String server, String tool) throws ControlException;
}
