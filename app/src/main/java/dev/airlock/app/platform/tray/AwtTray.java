package dev.airlock.app.platform.tray;

import dev.airlock.icons.Icons;
import dev.airlock.ui.tray.TrayIconState;
import dev.airlock.ui.tray.TrayMenu;
import dev.airlock.ui.tray.TrayMenuItem;
import dev.airlock.ui.tray.TrayMenuItem.Action;
import dev.airlock.ui.tray.TrayMenuItem.Label;
import dev.airlock.ui.tray.TrayMenuItem.Separator;
import dev.airlock.ui.tray.TrayMenuItem.Submenu;
import dev.airlock.ui.tray.TrayMenuItem.Toggle;
import dev.airlock.ui.tray.TrayMenus;
import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.ItemEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray through AWT's {@link SystemTray}: the one class that turns the tray model into AWT menu
 * items. All AWT work happens on the AWT event thread; clicks leave it at once for the dispatcher,
 * so a slow engine never freezes the menu.
 */
final class AwtTray implements Tray {

    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);

    private final Consumer<String> onAction;
    private final Executor dispatcher;
    private final AtomicReference<TrayMenu> pending = new AtomicReference<>();
    private final Map<TrayIconState, Image> images = new EnumMap<>(TrayIconState.class);

    // confined to the AWT event thread
    private TrayIcon icon;
    private List<TrayMenuItem> shownItems = List.of();
    private TrayIconState shownState;
    private volatile boolean showing;

    AwtTray(Consumer<String> onAction, Executor dispatcher) {
        this.onAction = onAction;
        this.dispatcher = dispatcher;
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public boolean isShowing() {
        return showing;
    }

    @Override
    public boolean show(TrayMenu menu) {
        if (EventQueue.isDispatchThread()) {
            return add(menu);
        }
        var added = new boolean[1];
        try {
            EventQueue.invokeAndWait(() -> added[0] = add(menu));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (InvocationTargetException e) {
            LOG.warn("The tray icon could not be added", e.getCause());
            return false;
        }
        return added[0];
    }

    private boolean add(TrayMenu menu) {
        if (icon != null) {
            apply(menu);
            return showing;
        }
        try {
            var popup = new PopupMenu();
            fill(popup, menu.items());
            icon = new TrayIcon(image(menu.icon()), menu.tooltip(), popup);
            icon.setImageAutoSize(true);
            // a double click (Windows, most Linux trays) opens the window, as people expect
            icon.addActionListener(event -> dispatch(TrayMenus.OPEN));
            SystemTray.getSystemTray().add(icon);
            shownItems = menu.items();
            shownState = menu.icon();
            showing = true;
            LOG.info("Tray icon shown ({} px)", icon.getSize().height);
            return true;
        } catch (AWTException | RuntimeException e) {
            LOG.warn("The desktop refused the tray icon: {}. Closing Airlock's window will quit it.", e.toString());
            icon = null;
            return false;
        }
    }

    @Override
    public void update(TrayMenu menu) {
        // coalesce: when several updates queue up, only the newest is applied
        if (pending.getAndSet(menu) == null) {
            EventQueue.invokeLater(() -> {
                TrayMenu newest = pending.getAndSet(null);
                if (newest != null) {
                    apply(newest);
                }
            });
        }
    }

    private void apply(TrayMenu menu) {
        if (icon == null) {
            return;
        }
        if (menu.icon() != shownState) {
            icon.setImage(image(menu.icon()));
            shownState = menu.icon();
        }
        if (!menu.tooltip().equals(icon.getToolTip())) {
            icon.setToolTip(menu.tooltip());
        }
        PopupMenu popup = icon.getPopupMenu();
        if (MenuShape.same(shownItems, menu.items())) {
            refresh(popup, menu.items());
        } else {
            popup.removeAll();
            fill(popup, menu.items());
        }
        shownItems = menu.items();
    }

    @Override
    public void notify(String title, String message) {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                icon.displayMessage(title, message, TrayIcon.MessageType.INFO);
            }
        });
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
            showing = false;
        });
    }

    /** The menu as AWT holds it; for the display smoke test only, on the AWT event thread. */
    PopupMenu popup() {
        return icon == null ? null : icon.getPopupMenu();
    }

    private void fill(Menu menu, List<TrayMenuItem> items) {
        for (TrayMenuItem item : items) {
            switch (item) {
                case Separator separator -> menu.addSeparator();
                case Label label -> {
                    var line = new MenuItem(label.text());
                    line.setEnabled(false);
                    menu.add(line);
                }
                case Action action -> {
                    var entry = new MenuItem(action.label());
                    entry.setActionCommand(action.id());
                    entry.setEnabled(action.enabled());
                    entry.addActionListener(event -> dispatch(action.id()));
                    menu.add(entry);
                }
                case Toggle toggle -> {
                    var entry = new CheckboxMenuItem(toggle.label(), toggle.selected());
                    entry.setActionCommand(toggle.id());
                    entry.setEnabled(toggle.enabled());
                    entry.addItemListener(event -> {
                        // AWT has flipped the mark already; put it back until the engine's answer moves it
                        entry.setState(event.getStateChange() != ItemEvent.SELECTED);
                        dispatch(toggle.id());
                    });
                    menu.add(entry);
                }
                case Submenu submenu -> {
                    var sub = new Menu(submenu.label());
                    fill(sub, submenu.items());
                    menu.add(sub);
                }
            }
        }
    }

    /** Applies labels, marks and enabled states to a menu of the same shape (see {@link MenuShape}). */
    private static void refresh(Menu menu, List<TrayMenuItem> items) {
        for (int i = 0; i < items.size(); i++) {
            MenuItem entry = menu.getItem(i);
            switch (items.get(i)) {
                case Separator separator -> {}
                case Label label -> setLabel(entry, label.text());
                case Action action -> {
                    setLabel(entry, action.label());
                    entry.setEnabled(action.enabled());
                }
                case Toggle toggle -> {
                    setLabel(entry, toggle.label());
                    entry.setEnabled(toggle.enabled());
                    ((CheckboxMenuItem) entry).setState(toggle.selected());
                }
                case Submenu submenu -> {
                    setLabel(entry, submenu.label());
                    refresh((Menu) entry, submenu.items());
                }
            }
        }
    }

    private static void setLabel(MenuItem entry, String label) {
        if (!label.equals(entry.getLabel())) {
            entry.setLabel(label);
        }
    }

    private void dispatch(String actionId) {
        dispatcher.execute(() -> {
            try {
                onAction.accept(actionId);
            } catch (RuntimeException e) {
                LOG.error("The tray entry '{}' failed", actionId, e);
            }
        });
    }

    private Image image(TrayIconState state) {
        return images.computeIfAbsent(state, this::load);
    }

    private Image load(TrayIconState state) {
        Dimension tray = SystemTray.getSystemTray().getTrayIconSize();
        double scale = GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getDefaultScreenDevice()
                .getDefaultConfiguration()
                .getDefaultTransform()
                .getScaleY();
        int pixels = Trays.iconPixels(tray.width, tray.height, scale);
        String path = Icons.tray(state.variant(), pixels);
        try {
            return ImageIO.read(Icons.url(path));
        } catch (IOException e) {
            throw new UncheckedIOException("The tray icon " + path + " cannot be read", e);
        }
    }
}
