package dev.airlock.app.platform.tray;

import dev.airlock.ui.tray.TrayMenuItem;
import dev.airlock.ui.tray.TrayMenuItem.Action;
import dev.airlock.ui.tray.TrayMenuItem.Label;
import dev.airlock.ui.tray.TrayMenuItem.Separator;
import dev.airlock.ui.tray.TrayMenuItem.Submenu;
import dev.airlock.ui.tray.TrayMenuItem.Toggle;
import java.util.List;

/**
 * Whether a new menu can be applied to the AWT menu in place: the same kinds of items, with the same
 * ids, in the same order. Then only labels, check marks and enabled states change, and a menu the
 * person has open stays open. Otherwise (a tool came or went) the menu is rebuilt.
 */
final class MenuShape {

    private MenuShape() {}

    static boolean same(List<TrayMenuItem> shown, List<TrayMenuItem> next) {
        if (shown.size() != next.size()) {
            return false;
        }
        for (int i = 0; i < shown.size(); i++) {
            if (!same(shown.get(i), next.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(TrayMenuItem shown, TrayMenuItem next) {
        return switch (shown) {
            case Action action -> next instanceof Action other && other.id().equals(action.id());
            case Toggle toggle -> next instanceof Toggle other && other.id().equals(toggle.id());
            case Separator separator -> next instanceof Separator;
            case Label label -> next instanceof Label;
            case Submenu submenu -> next instanceof Submenu other && same(submenu.items(), other.items());
        };
    }
}
