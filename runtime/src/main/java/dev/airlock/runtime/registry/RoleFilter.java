package dev.airlock.runtime.registry;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Defence in depth behind the registry, which remains the authority on who sees what: an entry
 * whose policy names roles is kept only for a user who holds one of them; an entry that names no
 * roles is for everyone the registry shows it to. Roles compare exactly, as the identity provider
 * spells them. What is left out is not shown at all, not even as unavailable.
 */
public final class RoleFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RoleFilter.class);

    private RoleFilter() {}

    /** The entries {@code roles} may see; {@code catalog} itself when that is all of them. */
    public static Catalog forRoles(Catalog catalog, Set<String> roles) {
        List<CatalogEntry> kept = catalog.entries().stream()
                .filter(entry -> allowed(entry, roles))
                .toList();
        int dropped = catalog.entries().size() - kept.size();
        if (dropped == 0) {
            return catalog;
        }
        LOG.debug("Left out {} registry entries that none of the user's roles may use", dropped);
        return new Catalog(kept);
    }

    private static boolean allowed(CatalogEntry entry, Set<String> roles) {
        List<String> required = entry.policy().roles();
        return required.isEmpty() || !Collections.disjoint(required, roles);
    }
}
