package dev.airlock.app.platform.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.ui.tray.TrayIconState;
import dev.airlock.ui.tray.TrayMenu;
import dev.airlock.ui.tray.TrayMenuItem.Action;
import dev.airlock.ui.tray.TrayMenuItem.Label;
import dev.airlock.ui.tray.TrayMenuItem.Separator;
import dev.airlock.ui.tray.TrayMenuItem.Toggle;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The AWT tray on a real display with a tray host. Needs one, so it runs only when asked:
 * {@code xvfb-run}, a window manager and {@code trayer}, then
 * {@code ./mvnw -pl app test -Dtest=AwtTraySmokeTest -Dairlock.traySmoke=true} (see docs/desktop.md).
 */
@EnabledIfSystemProperty(named = "airlock.traySmoke", matches = "true")
class AwtTraySmokeTest {

    private static TrayMenu menu(boolean selected, String status, boolean withJira) {
        var items = new ArrayList<dev.airlock.ui.tray.TrayMenuItem>(
                List.of(new Label(status), new Separator(), new Toggle("server:github", "GitHub", selected, true)));
        if (withJira) {
            items.add(new Toggle("server:jira", "Jira", false, true));
        }
        items.addAll(List.of(
                new Separator(), new Action("open", "Open Airlock", true), new Action("quit", "Quit Airlock", true)));
        return new TrayMenu(selected ? TrayIconState.RUNNING : TrayIconState.IDLE, status, items);
    }

    private static <T> T onAwt(Callable<T> work) throws Exception {
        var task = new FutureTask<>(work);
        EventQueue.invokeAndWait(task);
        return task.get();
    }

    private static List<String> labels(AwtTray tray) throws Exception {
        return onAwt(() -> {
            PopupMenu popup = tray.popup();
            var labels = new ArrayList<String>();
            for (int i = 0; i < popup.getItemCount(); i++) {
                MenuItem item = popup.getItem(i);
                labels.add(item.getLabel() + (item instanceof CheckboxMenuItem box && box.getState() ? " [x]" : ""));
            }
            return labels;
        });
    }

    @Test
    void theIconShowsUpdatesAndReportsClicks() throws Exception {
        List<String> clicked = new CopyOnWriteArrayList<>();
        Tray chosen = Trays.forThisDesktop(clicked::add);
        assertThat(chosen).isInstanceOf(AwtTray.class);
        var tray = (AwtTray) chosen;
        try {
            assertThat(tray.show(menu(false, "Signed in as Ada · no tools on", false)))
                    .isTrue();
            assertThat(tray.isShowing()).isTrue();
            assertThat(labels(tray))
                    .containsExactly(
                            "Signed in as Ada · no tools on", "-", "GitHub", "-", "Open Airlock", "Quit Airlock");

            tray.update(menu(true, "Signed in as Ada · 1 tool on", false)); // same shape: in place
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> labels(tray).contains("GitHub [x]")
                            && labels(tray).getFirst().endsWith("1 tool on"));

            tray.update(menu(true, "Signed in as Ada · 1 tool on", true)); // a tool came: rebuilt
            await().atMost(Duration.ofSeconds(5)).until(() -> labels(tray).contains("Jira"));

            onAwt(() -> {
                MenuItem open = tray.popup().getItem(5);
                open.dispatchEvent(new ActionEvent(open, ActionEvent.ACTION_PERFORMED, "open"));
                var jira = (CheckboxMenuItem) tray.popup().getItem(3);
                jira.dispatchEvent(new ItemEvent(jira, ItemEvent.ITEM_STATE_CHANGED, jira, ItemEvent.SELECTED));
                return null;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> clicked.size() == 2);
            assertThat(clicked).containsExactlyInAnyOrder("open", "server:jira");

            String screenshot = System.getProperty("airlock.traySmoke.pause");
            if (screenshot != null) {
                Thread.sleep(Long.parseLong(screenshot)); // time for a screenshot of the tray
            }
        } finally {
            tray.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !tray.isShowing());
    }
}
