package dev.airlock.ui.tray;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the tray menu, free of any toolkit: the tray adapter turns these into AWT (or any
 * other) menu items. Clicking an {@link Action} or a {@link Toggle} reports its {@code id}.
 */
public sealed interface TrayMenuItem {

    /** A command, such as "Open Airlock". */
    record Action(String id, String label, boolean enabled) implements TrayMenuItem {
        public Action {
            Objects.requireNonNull(id);
            Objects.requireNonNull(label);
        }
    }

    /** A check item, such as one tool's on/off switch; clicking it asks for the other state. */
    record Toggle(String id, String label, boolean selected, boolean enabled) implements TrayMenuItem {
        public Toggle {
            Objects.requireNonNull(id);
            Objects.requireNonNull(label);
        }
    }

    record Separator() implements TrayMenuItem {}

    /** A line of status that cannot be clicked (shown disabled). */
    record Label(String text) implements TrayMenuItem {
        public Label {
            Objects.requireNonNull(text);
        }
    }

    record Submenu(String label, List<TrayMenuItem> items) implements TrayMenuItem {
        public Submenu {
            Objects.requireNonNull(label);
            items = List.copyOf(items);
        }
    }
}
