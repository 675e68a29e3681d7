package dev.airlock.app.platform.theme;

/**
 * Whether the operating system is set to a dark look. Any failure (the tool is missing, the key
 * was never set, the answer is not understood) means {@link Theme#LIGHT}. Runs a small tool (at
 * most a few milliseconds, bounded by {@link dev.airlock.app.platform.CommandRunner#TIMEOUT}), so
 * call it off the FX thread or once at start.
 */
@FunctionalInterface
public interface ThemeDetector {

    Theme detect();

    /** The fallback: always light. */
    ThemeDetector LIGHT = () -> Theme.LIGHT;
}
