package dev.airlock.app.platform.tray;

import dev.airlock.ui.tray.TrayMenu;

/**
 * The icon in the system tray (menu bar on macOS, notification area on Windows) and its menu. The
 * menu comes from the toolkit-free model in {@code dev.airlock.ui.tray}; clicks are reported by id
 * to the callback the tray was made with (see {@link Trays#forThisDesktop}).
 */
public interface Tray extends AutoCloseable {

    /** Whether this desktop can show the icon at all; false for {@link NoTray}. */
    boolean isSupported();

    /**
     * Puts the icon in the tray with this menu. Call once, from a background thread (not the FX
     * thread: AWT may need the main thread on macOS); it waits until the icon is there.
     *
     * @return whether the icon is showing; false when the desktop refused it (then behave as
     *     without a tray: closing the window quits)
     */
    boolean show(TrayMenu menu);

    /** Whether {@link #show} put the icon up and it has not been closed. */
    boolean isShowing();

    /** Shows another menu, icon and tooltip, changing the open menu in place. Any thread; returns at once. */
    void update(TrayMenu menu);

    /** A short notification beside the tray, where the desktop shows them. Any thread; returns at once. */
    void notify(String title, String message);

    /** Removes the icon. Any thread; safe to call twice. */
    @Override
    void close();
}
