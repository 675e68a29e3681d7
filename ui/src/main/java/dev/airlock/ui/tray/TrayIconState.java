package dev.airlock.ui.tray;

import dev.airlock.icons.Icons.TrayVariant;

/** What the tray icon shows, from the most to the least urgent rule that applies. */
public enum TrayIconState {
    /** Nobody is signed in: a grey outline. */
    SIGNED_OUT(TrayVariant.SIGNED_OUT),
    /** Signed in, no tool on: the plain mark. */
    IDLE(TrayVariant.IDLE),
    /** At least one tool is on (or starting): a green dot. */
    RUNNING(TrayVariant.RUNNING),
    /** A tool failed or waits for a secret: an amber dot. */
    WARNING(TrayVariant.WARNING);

    private final TrayVariant variant;

    TrayIconState(TrayVariant variant) {
        this.variant = variant;
    }

    /** The icon to show, for {@link dev.airlock.icons.Icons#tray}. */
    public TrayVariant variant() {
        return variant;
    }
}
