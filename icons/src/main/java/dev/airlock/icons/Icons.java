package dev.airlock.icons;

import java.net.URL;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where the app and tray icons are on the class path. The PNGs are rendered from the SVGs in
 * {@code icons/src/main/svg} by {@code dev/icons/render.sh} and committed, so a build needs no
 * renderer.
 */
public final class Icons {

    /** The folder of every icon, as a class-path resource path (no leading slash). */
    public static final String FOLDER = "dev/airlock/icons/";

    /** The sizes, in pixels, the app icon comes in. */
    public static final List<Integer> APP_SIZES = List.of(16, 22, 32, 64, 256);

    /** The sizes, in pixels, each tray icon comes in: 16 (Windows), 22 (Linux, macOS), and 2x and 4x for HiDPI. */
    public static final List<Integer> TRAY_SIZES = List.of(16, 22, 32, 64);

    /** The tray icon's look for each state of Airlock. */
    public enum TrayVariant {
        /** A grey outline: nobody is signed in. */
        SIGNED_OUT,
        /** The shield in one tone: signed in, no tool on. */
        IDLE,
        /** With a green dot: at least one tool is on. */
        RUNNING,
        /** With an amber dot: a tool needs attention. */
        WARNING;

        String fileName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private Icons() {}

    /** The resource path of the app icon in this size, such as {@code dev/airlock/icons/app-256.png}. */
    public static String app(int size) {
        requireSize(APP_SIZES, size);
        return FOLDER + "app-" + size + ".png";
    }

    /** The resource path of a tray icon, such as {@code dev/airlock/icons/tray-running-22.png}. */
    public static String tray(TrayVariant variant, int size) {
        requireSize(TRAY_SIZES, size);
        return FOLDER + "tray-" + variant.fileName() + "-" + size + ".png";
    }

    /**
     * The size to use for a place that shows {@code pixels} pixels: the smallest that is at least as
     * large (scaling down stays sharp), else the largest there is.
     */
    public static int bestSize(List<Integer> sizes, int pixels) {
        return sizes.stream()
                .filter(size -> size >= pixels)
                .min(Comparator.naturalOrder())
                .orElseGet(() -> sizes.stream().max(Comparator.naturalOrder()).orElseThrow());
    }

    /** The resource as a URL, for {@code new Image(url.toExternalForm())} or {@code ImageIO.read(url)}. */
    public static URL url(String resourcePath) {
        URL url = Icons.class.getClassLoader().getResource(resourcePath);
        if (url == null) {
            throw new IllegalArgumentException("No icon at " + resourcePath + "; run dev/icons/render.sh");
        }
        return url;
    }

    private static void requireSize(List<Integer> sizes, int size) {
        if (!sizes.contains(size)) {
            throw new IllegalArgumentException("No icon of " + size + " px; the sizes are " + sizes);
        }
    }
}
