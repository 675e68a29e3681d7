package dev.airlock.app.platform;

import java.util.Locale;

/** The operating systems Airlock integrates with; each OS feature picks its implementation by this. */
public enum OperatingSystem {
    LINUX,
    MAC,
    WINDOWS,
    /** Anything else (a BSD, say): every feature uses its fallback. */
    OTHER;

    /** This computer's, from {@code os.name}. */
    public static OperatingSystem current() {
        return of(System.getProperty("os.name", ""));
    }

    /** @param osName as {@code os.name} gives it, such as "Mac OS X" or "Windows 11" */
    public static OperatingSystem of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return MAC;
        }
        if (name.startsWith("linux")) {
            return LINUX;
        }
        return OTHER;
    }
}
