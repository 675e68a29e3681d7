package dev.airlock.ui.settings;

import dev.airlock.runtime.control.ControlException;

/**
 * The settings of the desktop app that a person changes in the window: the look, and whether
 * Airlock starts at login. The app implements it over the settings file and the operating system;
 * its calls may do I/O, so the window makes them in the background.
 */
public interface DesktopSettings {

    /** What the settings are now, and what may be changed. */
    Snapshot read() throws ControlException;

    /**
     * Stores the look and applies it to the window at once.
     *
     * @param theme {@code system}, {@code light} or {@code dark}
     */
    void setTheme(String theme) throws ControlException;

    /** Stores the choice and makes the computer match it. */
    void setStartAtLogin(boolean on) throws ControlException;

    /**
     * @param theme {@code system}, {@code light} or {@code dark}
     * @param themeLocked the company manages the look
     * @param startAtLogin whether Airlock starts at login
     * @param startAtLoginLocked the company manages start at login
     * @param startAtLoginUnavailable why this copy of Airlock cannot start at login; null when it can
     */
    record Snapshot(
            String theme,
            boolean themeLocked,
            boolean startAtLogin,
            boolean startAtLoginLocked,
            String startAtLoginUnavailable) {}
}
