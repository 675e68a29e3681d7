package dev.airlock.runtime.registry;

import static dev.airlock.runtime.registry.Pages.entry;
import static dev.airlock.runtime.registry.Pages.entryForRoles;
import static dev.airlock.runtime.registry.Pages.page;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.RegistryFileReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleFilterTest {

    private static final Catalog CATALOG = read(page(
            null,
            entry("io.github.acme/for-everyone"),
            entryForRoles("io.github.acme/engineering-only", "engineering"),
            entryForRoles("io.github.acme/finance-or-legal", "finance", "legal"),
            "{\"server\": {\"name\": \"io.github.acme/broken\"}}"));

    @Test
    void anEntryNamingRolesIsKeptOnlyForAUserWithOneOfThem() {
        assertThat(names(RoleFilter.forRoles(CATALOG, Set.of("legal"))))
                .containsExactly("for-everyone", "finance-or-legal", "broken");
        assertThat(names(RoleFilter.forRoles(CATALOG, Set.of("engineering", "staff"))))
                .containsExactly("for-everyone", "engineering-only", "broken");
    }

    @Test
    void aUserWithoutRolesSeesOnlyEntriesForEveryone() {
        assertThat(names(RoleFilter.forRoles(CATALOG, Set.of()))).containsExactly("for-everyone", "broken");
    }

    @Test
    void rolesCompareExactly() {
        assertThat(names(RoleFilter.forRoles(CATALOG, Set.of("Engineering", "engineering "))))
                .doesNotContain("engineering-only");
    }

    @Test
    void nothingLeftOutKeepsTheSameCatalog() {
        assertThat(RoleFilter.forRoles(CATALOG, Set.of("engineering", "finance")))
                .isSameAs(CATALOG);
    }

    private static List<String> names(Catalog catalog) {
        return catalog.entries().stream().map(CatalogEntry::shortName).toList();
    }

    private static Catalog read(String json) {
        try {
            return new RegistryFileReader().parse(json.getBytes(UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
