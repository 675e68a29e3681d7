package dev.airlock.app.platform.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window comes back where it was, unless that place is no longer on a screen. */
class WindowStateStoreTest {

    private static final ScreenArea LAPTOP = new ScreenArea(0, 0, 1440, 860);
    private static final ScreenArea MONITOR_RIGHT = new ScreenArea(1440, 0, 2560, 1400);

    @TempDir
    Path dir;

    private WindowStateStore store() {
        return new WindowStateStore(dir);
    }

    @Test
    void theFirstWindowHasTheDefaultSizeCentredOnThePrimaryScreen() {
        WindowBounds first = store().restore(List.of(LAPTOP, MONITOR_RIGHT));

        assertThat(first).isEqualTo(new WindowBounds(240, 110, 960, 640, false));
    }

    @Test
    void whatWasSavedComesBackAsItWas() throws Exception {
        var saved = new WindowBounds(1700, 200, 1200, 800, true);
        store().save(saved);

        assertThat(store().load()).contains(saved);
        assertThat(store().restore(List.of(LAPTOP, MONITOR_RIGHT))).isEqualTo(saved);
        assertThat(dir.resolve("window.json")).isRegularFile();
        assertThat(dir.resolve("window.json.tmp")).doesNotExist();
    }

    @Test
    void aWindowAcrossTwoScreensStaysAcrossThem() throws Exception {
        var across = new WindowBounds(1000, 100, 1000, 700, false);
        store().save(across);

        assertThat(store().restore(List.of(LAPTOP, MONITOR_RIGHT))).isEqualTo(across);
    }

    @Test
    void aWindowOnAnUnpluggedMonitorIsCentredOnThePrimaryAtItsSize() throws Exception {
        store().save(new WindowBounds(1700, 200, 1200, 800, false));

        WindowBounds placed = store().restore(List.of(LAPTOP));

        assertThat(placed).isEqualTo(new WindowBounds(120, 30, 1200, 800, false));
    }

    @Test
    void aWindowLargerThanTheScreenLeftIsShrunkToIt() throws Exception {
        store().save(new WindowBounds(1500, 0, 2400, 1300, true));

        WindowBounds placed = store().restore(List.of(LAPTOP));

        assertThat(placed).isEqualTo(new WindowBounds(0, 0, 1440, 860, true));
    }

    @Test
    void aTitleBarBarelyOnScreenIsNotEnough() throws Exception {
        // only 60 px of the title bar on the laptop: too little to grab
        store().save(new WindowBounds(1380, 100, 800, 600, false));

        assertThat(store().restore(List.of(LAPTOP)).x()).isEqualTo(320);

        // the title bar above the top of the screen, the rest of the window on it
        store().save(new WindowBounds(100, -30, 800, 600, false));

        assertThat(store().restore(List.of(LAPTOP))).isEqualTo(new WindowBounds(320, 130, 800, 600, false));
    }

    @Test
    void justEnoughOfTheTitleBarIsEnough() throws Exception {
        var edge = new WindowBounds(1340, 820, 800, 600, false);
        store().save(edge);

        assertThat(store().restore(List.of(LAPTOP))).isEqualTo(edge);
    }

    @Test
    void aTinySavedWindowGrowsToTheMinimum() throws Exception {
        store().save(new WindowBounds(10, 10, 100, 50, false));

        assertThat(store().restore(List.of(LAPTOP))).isEqualTo(new WindowBounds(10, 10, 480, 360, false));
    }

    @Test
    void aBrokenOrStrangeFileIsNoSavedState() throws Exception {
        Files.writeString(dir.resolve("window.json"), "{not json");
        assertThat(store().load()).isEmpty();

        Files.writeString(dir.resolve("window.json"), "{\"x\": 1, \"y\": 2}");
        assertThat(store().load()).isEmpty();

        Files.writeString(
                dir.resolve("window.json"), "{\"x\":1,\"y\":2,\"width\":-5,\"height\":10,\"maximized\":false}");
        assertThat(store().load()).isEmpty();
        assertThat(store().restore(List.of(LAPTOP)).width()).isEqualTo(WindowStateStore.DEFAULT_WIDTH);
    }

    @Test
    void savingReplacesWhatWasThere() throws Exception {
        store().save(new WindowBounds(1, 2, 800, 600, false));
        store().save(new WindowBounds(3, 4, 900, 700, true));

        assertThat(store().load()).contains(new WindowBounds(3, 4, 900, 700, true));
    }

    @Test
    void boundsThatAreNotAWindowAreNotSaved() {
        assertThatThrownBy(() -> store().save(new WindowBounds(Double.NaN, 0, 800, 600, false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("window.json")).doesNotExist();
    }

    @Test
    void thereIsAlwaysAScreen() {
        assertThatThrownBy(() -> store().restore(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
