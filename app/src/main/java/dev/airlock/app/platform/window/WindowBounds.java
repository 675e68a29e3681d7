package dev.airlock.app.platform.window;

/**
 * Where the window is and how large, in the screen coordinates JavaFX uses ({@code Stage.getX()}
 * and so on). When maximized, the bounds are the ones it returns to when un-maximized.
 */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {

    /** Whether the numbers can describe a window: finite, and a size that is not zero or negative. */
    boolean isUsable() {
        return Double.isFinite(x)
                && Double.isFinite(y)
                && Double.isFinite(width)
                && Double.isFinite(height)
                && width > 0
                && height > 0;
    }
}
