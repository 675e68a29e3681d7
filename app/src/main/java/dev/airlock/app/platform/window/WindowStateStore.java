package dev.airlock.app.platform.window;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Remembers the main window's size, position and whether it was maximized, in {@code window.json}
 * in the state directory, and places it there again at the next start, as long as that is still on
 * a screen (a monitor may have been unplugged since).
 */
public final class WindowStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(WindowStateStore.class);

    public static final String FILE_NAME = "window.json";

    /** The size of a first window: room for the tools list and its details side by side. */
    public static final double DEFAULT_WIDTH = 960;

    public static final double DEFAULT_HEIGHT = 640;

    /** The smallest window that still shows the tools list; smaller saved sizes grow to this. */
    public static final double MIN_WIDTH = 480;

    public static final double MIN_HEIGHT = 360;

    /**
     * How much of the window's title bar (its top strip this high) must be on one screen to put it
     * back there: enough to grab it and move it.
     */
    static final double TITLE_BAR = 40;

    static final double MIN_VISIBLE_TITLE_BAR = 100;

    private final Path file;

    /** @param stateDirectory the instance's state directory ({@code StateDirectory.root()}) */
    public WindowStateStore(Path stateDirectory) {
        this.file = stateDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** What was saved, if it can be read; a missing or broken file is no saved state. */
    public Optional<WindowBounds> load() {
        try {
            WindowBounds saved = Json.mapper().readValue(Files.readAllBytes(file), WindowBounds.class);
            if (saved != null && saved.isUsable()) {
                return Optional.of(saved);
            }
            LOG.info("Ignoring {}: it does not describe a window", file);
        } catch (NoSuchFileException e) {
            // the first start
        } catch (IOException | JacksonException e) {
            LOG.info("Ignoring {}: {}", file, e.toString());
        }
        return Optional.empty();
    }

    /**
     * Saves the window's bounds, whole or not at all. Call it when the window closes or hides (and
     * when Airlock quits); for a maximized window pass the bounds from before it was maximized.
     */
    public void save(WindowBounds bounds) throws IOException {
        if (!bounds.isUsable()) {
            throw new IllegalArgumentException("Not a window's bounds: " + bounds);
        }
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.write(tmp, Json.mapper().writeValueAsBytes(bounds));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Where to put the window now: as saved, when enough of its title bar is on one of these
     * screens; else centred on the first screen, at the saved size (or the default size when
     * nothing was saved), shrunk to fit that screen.
     *
     * @param screens the screens' usable areas, the primary screen first (JavaFX: {@code
     *     Screen.getPrimary()} then the others' {@code getVisualBounds()})
     */
    public WindowBounds restore(List<ScreenArea> screens) {
        return place(load(), screens);
    }

    static WindowBounds place(Optional<WindowBounds> saved, List<ScreenArea> screens) {
        if (screens.isEmpty()) {
            throw new IllegalArgumentException("There is always at least one screen: the primary");
        }
        if (saved.isPresent()) {
            WindowBounds window = saved.get();
            var titleBar = new WindowBounds(
                    window.x(), window.y(), window.width(), Math.min(TITLE_BAR, window.height()), false);
            for (ScreenArea screen : screens) {
                if (screen.overlapWidth(titleBar) >= Math.min(MIN_VISIBLE_TITLE_BAR, titleBar.width())
                        && screen.overlapHeight(titleBar) >= titleBar.height()) {
                    // as it was, even across two screens; only a size below the minimum grows
                    return new WindowBounds(
                            window.x(),
                            window.y(),
                            Math.max(window.width(), MIN_WIDTH),
                            Math.max(window.height(), MIN_HEIGHT),
                            window.maximized());
                }
            }
            LOG.info("The window was last on a screen that is not there now; centring it");
            return centred(screens.getFirst(), window.width(), window.height(), window.maximized());
        }
        return centred(screens.getFirst(), DEFAULT_WIDTH, DEFAULT_HEIGHT, false);
    }

    private static WindowBounds centred(ScreenArea screen, double width, double height, boolean maximized) {
        double w = clamp(width, MIN_WIDTH, screen.width());
        double h = clamp(height, MIN_HEIGHT, screen.height());
        return new WindowBounds(
                screen.x() + (screen.width() - w) / 2, screen.y() + (screen.height() - h) / 2, w, h, maximized);
    }

    /** Within [min, max]; where the range is empty (a screen smaller than the minimum), max wins. */
    private static double clamp(double value, double min, double max) {
        return Math.min(Math.max(value, min), max);
    }
}
