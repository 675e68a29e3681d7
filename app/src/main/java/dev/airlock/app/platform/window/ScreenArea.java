package dev.airlock.app.platform.window;

/**
 * One screen's usable area (JavaFX: {@code Screen.getVisualBounds()}, which leaves out task bars and
 * menu bars).
 */
public record ScreenArea(double x, double y, double width, double height) {

    /** How much of a window lies on this screen, as its overlapping width and height. */
    double overlapWidth(WindowBounds window) {
        return Math.min(x + width, window.x() + window.width()) - Math.max(x, window.x());
    }

    double overlapHeight(WindowBounds window) {
        return Math.min(y + height, window.y() + window.height()) - Math.max(y, window.y());
    }
}
