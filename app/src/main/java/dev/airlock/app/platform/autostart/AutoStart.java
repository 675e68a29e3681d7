package dev.airlock.app.platform.autostart;

/**
 * Starting Airlock when the person logs in to their computer: an XDG autostart entry on Linux, a
 * LaunchAgent on macOS, the {@code Run} key on Windows. Nothing is started now; the entry takes
 * effect at the next login. Calls touch files or run {@code reg}, so keep them off the FX thread.
 */
public interface AutoStart {

    /** Whether start at login can be set up here (an installed launcher is known, the OS has a way). */
    boolean isSupported();

    /** Whether Airlock is set to start at login now. */
    boolean isEnabled() throws AutoStartException;

    /** Sets Airlock to start at login, replacing an earlier entry (an update may have moved the launcher). */
    void enable() throws AutoStartException;

    /** Removes the entry; nothing happens when there is none. */
    void disable() throws AutoStartException;

    /** Where the entry lives, for the log and the docs: a file, or the registry value. */
    String location();

    /**
     * Makes the computer match the setting {@code ui.startAtLogin}: call it at start and whenever
     * the setting changes. Turning on writes the entry again, so it names the launcher in use.
     */
    default void apply(boolean startAtLogin) throws AutoStartException {
        if (!isSupported()) {
            return;
        }
        if (startAtLogin) {
            enable();
        } else if (isEnabled()) {
            disable();
        }
    }
}
