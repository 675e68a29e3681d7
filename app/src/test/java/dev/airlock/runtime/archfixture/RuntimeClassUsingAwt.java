package dev.airlock.runtime.archfixture;

import java.awt.Color;

/** A deliberate violation, so the boundary test can show that its rule really fails. Test code only. */
public final class RuntimeClassUsingAwt {

    public Color color() {
        return Color.RED;
    }
}
