package dev.airlock.app.platform.tray;

import dev.airlock.icons.Icons;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the tray for this desktop: the AWT tray where the desktop has one, else {@link NoTray}. */
public final class Trays {

    private static final Logger LOG = LoggerFactory.getLogger(Trays.class);

    private Trays() {}

    /**
     * The tray for this desktop. Starts AWT (alongside JavaFX) if needed, so call it from a
     * background thread after the JavaFX toolkit started. When there is no tray, says so once in
     * the log.
     *
     * @param onAction hears the id of each clicked entry, on a background thread (one virtual
     *     thread per click): it may block, for example on {@code TrayController.handle}
     */
    public static Tray forThisDesktop(Consumer<String> onAction) {
        // AWT decides once whether it is headless; JavaFX alone never asks, so say it before AWT starts
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "false");
        }
        Optional<String> missing = whyNoTray(GraphicsEnvironment::isHeadless, SystemTray::isSupported);
        if (missing.isPresent()) {
            LOG.warn("No tray icon: {} Closing Airlock's window will quit it.", missing.get());
            return new NoTray(missing.get());
        }
        Executor clicks = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("airlock-tray-click-", 1).factory());
        return new AwtTray(onAction, clicks);
    }

    /** Why this desktop cannot show a tray icon, or empty when it can. */
    static Optional<String> whyNoTray(BooleanSupplier headless, BooleanSupplier trayHost) {
        try {
            if (headless.getAsBoolean()) {
                return Optional.of("this session has no display.");
            }
            if (!trayHost.getAsBoolean()) {
                return Optional.of("this desktop has no system tray (on GNOME, the AppIndicator extension adds one).");
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            // a broken display connection or a missing native library: AWT cannot start here
            return Optional.of("the tray could not be reached (" + e + ").");
        }
    }

    /**
     * The tray icon size to load for a tray of this size on a screen of this scale: the smallest
     * rendered size that covers it, so the image is only ever scaled down.
     */
    static int iconPixels(int trayWidth, int trayHeight, double scale) {
        int needed = (int) Math.ceil(Math.max(trayWidth, trayHeight) * Math.max(scale, 1.0));
        return Icons.bestSize(Icons.TRAY_SIZES, needed);
    }
}
