package dev.airlock.app.platform.tray;

import dev.airlock.ui.tray.TrayMenu;

/**
 * The fallback where the desktop has no tray (GNOME without an extension for tray icons, a headless
 * session): nothing shows, and the app keeps its window as the only way in.
 */
public final class NoTray implements Tray {

    private final String reason;

    /** @param reason why there is no tray, for the log and the settings screen */
    public NoTray(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean isSupported() {
        return false;
    }

    @Override
    public boolean show(TrayMenu menu) {
        return false;
    }

    @Override
    public boolean isShowing() {
        return false;
    }

    @Override
    public void update(TrayMenu menu) {}

    @Override
    public void notify(String title, String message) {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "no tray (" + reason + ")";
    }
}
