package dev.airlock.app.platform.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.ui.tray.TrayMenu;
import dev.airlock.ui.tray.TrayMenuItem;
import dev.airlock.ui.tray.TrayMenuItem.Action;
import dev.airlock.ui.tray.TrayMenuItem.Label;
import dev.airlock.ui.tray.TrayMenuItem.Separator;
import dev.airlock.ui.tray.TrayMenuItem.Submenu;
import dev.airlock.ui.tray.TrayMenuItem.Toggle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the AWT tray decides, checked without a display. */
class TrayDecisionsTest {

    private static final List<TrayMenuItem> MENU = List.of(
            new Label("Signed in as Ada · 1 tool on"),
            new Separator(),
            new Toggle("server:github", "GitHub", true, true),
            new Separator(),
            new Action("open", "Open Airlock", true),
            new Action("pause", "Pause all", true));

    @Test
    void newLabelsMarksAndStatesAreAppliedInPlace() {
        List<TrayMenuItem> next = List.of(
                new Label("Needs attention: GitHub"),
                new Separator(),
                new Toggle("server:github", "GitHub (did not start)", false, true),
                new Separator(),
                new Action("open", "Open Airlock", false),
                new Action("pause", "Pause all", false));

        assertThat(MenuShape.same(MENU, next)).isTrue();
    }

    @Test
    void aToolThatCameOrWentRebuildsTheMenu() {
        var more = new java.util.ArrayList<>(MENU);
        more.add(3, new Toggle("server:jira", "Jira", false, true));

        assertThat(MenuShape.same(MENU, more)).isFalse();
        assertThat(MenuShape.same(more, MENU)).isFalse();
    }

    @Test
    void anotherIdAtTheSamePlaceRebuildsTheMenu() {
        var resumed = new java.util.ArrayList<>(MENU);
        resumed.set(5, new Action("resume", "Resume", true));
        var otherTool = new java.util.ArrayList<>(MENU);
        otherTool.set(2, new Toggle("server:jira", "GitHub", true, true));

        assertThat(MenuShape.same(MENU, resumed)).isFalse();
        assertThat(MenuShape.same(MENU, otherTool)).isFalse();
    }

    @Test
    void anotherKindAtTheSamePlaceRebuildsTheMenu() {
        var labelForSeparator = new java.util.ArrayList<>(MENU);
        labelForSeparator.set(1, new Label("-"));
        var actionForToggle = new java.util.ArrayList<>(MENU);
        actionForToggle.set(2, new Action("server:github", "GitHub", true));

        assertThat(MenuShape.same(MENU, labelForSeparator)).isFalse();
        assertThat(MenuShape.same(MENU, actionForToggle)).isFalse();
    }

    @Test
    void submenusCompareTheirItems() {
        var tools = new Submenu("Tools", List.of(new Toggle("server:a", "A", false, true)));
        var renamed = new Submenu("Werkzeuge", List.of(new Toggle("server:a", "A", true, true)));
        var grown = new Submenu(
                "Tools", List.of(new Toggle("server:a", "A", false, true), new Toggle("server:b", "B", false, true)));

        assertThat(MenuShape.same(List.of(tools), List.of(renamed))).isTrue();
        assertThat(MenuShape.same(List.of(tools), List.of(grown))).isFalse();
    }

    @Test
    void withoutADisplayOrATrayHostThereIsNoTrayAndTheReasonSaysWhy() {
        assertThat(Trays.whyNoTray(() -> true, () -> true)).contains("this session has no display.");
        assertThat(Trays.whyNoTray(() -> false, () -> false))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no system tray"));
        assertThat(Trays.whyNoTray(() -> false, () -> {
                    throw new UnsatisfiedLinkError("libawt_xawt.so");
                }))
                .hasValueSatisfying(reason -> assertThat(reason).contains("libawt_xawt.so"));
        assertThat(Trays.whyNoTray(() -> false, () -> true)).isEmpty();
    }

    @Test
    void theIconSizeCoversTheTrayAtTheScreensScale() {
        assertThat(Trays.iconPixels(16, 16, 1.0)).isEqualTo(16); // Windows at 100 %
        assertThat(Trays.iconPixels(16, 16, 1.5)).isEqualTo(32); // Windows at 150 %: 24 px, scaled down from 32
        assertThat(Trays.iconPixels(24, 24, 1.0)).isEqualTo(32); // a 24 px Linux panel
        assertThat(Trays.iconPixels(22, 22, 1.0)).isEqualTo(22);
        assertThat(Trays.iconPixels(22, 22, 2.0)).isEqualTo(64); // a Retina menu bar
        assertThat(Trays.iconPixels(64, 48, 2.0)).isEqualTo(64); // larger than any: the largest
        assertThat(Trays.iconPixels(16, 16, 0.0)).isEqualTo(16); // no scale reported
    }

    @Test
    void noTrayShowsNothingAndKeepsItsReason() {
        var none = new NoTray("this desktop has no system tray.");

        assertThat(none.isSupported()).isFalse();
        assertThat(none.show(new TrayMenu(dev.airlock.ui.tray.TrayIconState.IDLE, "Airlock", MENU)))
                .isFalse();
        assertThat(none.isShowing()).isFalse();
        assertThat(none.reason()).isEqualTo("this desktop has no system tray.");
    }
}
