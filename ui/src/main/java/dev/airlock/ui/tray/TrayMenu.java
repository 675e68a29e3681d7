package dev.airlock.ui.tray;

import java.util.List;
import java.util.Objects;

/**
 * Everything the tray shows at one moment: the icon, its tooltip (also its accessible description,
 * such as "Airlock: 2 tools on") and the menu.
 */
public record TrayMenu(TrayIconState icon, String tooltip, List<TrayMenuItem> items) {

    public TrayMenu {
        Objects.requireNonNull(icon);
        Objects.requireNonNull(tooltip);
        items = List.copyOf(items);
    }
}
