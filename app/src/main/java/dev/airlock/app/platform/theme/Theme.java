package dev.airlock.app.platform.theme;

/** The two looks the app comes in (AtlantaFX Primer Light and Primer Dark, say). */
public enum Theme {
    LIGHT,
    DARK
}
