package dev.airlock.app.desktop;

/** Opens the desktop app. */
public final class DesktopApp {

    private DesktopApp() {}

    public static void launch(String[] args) {
        throw new UnsupportedOperationException("not yet wired");
    }
}
