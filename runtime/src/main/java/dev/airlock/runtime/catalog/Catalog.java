package dev.airlock.runtime.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The servers this user may run, in the registry's order. */
public record Catalog(List<CatalogEntry> entries) {

    public static final Catalog EMPTY = new Catalog(List.of());

    public Catalog {
        entries = List.copyOf(entries);
    }

    /** Finds an entry by its short name or its full registry name, ignoring case. */
    public Optional<CatalogEntry> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return entries.stream()
                .filter(e -> e.shortName().equals(wanted)
                        || e.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
