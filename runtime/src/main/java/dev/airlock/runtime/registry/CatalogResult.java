package dev.airlock.runtime.registry;

import dev.airlock.runtime.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The user's catalog and where it came from.
 *
 * @param catalog the entries this user may see (already filtered by role)
 * @param fetchedAt when the registry last sent or confirmed this catalog
 * @param age how old that was when this result was made
 * @param warning a sentence to show beside the catalog, when there is something to say, such as
 *     "Showing your catalog from 2 hours ago; the company catalog can't be reached (HTTP 503)."
 */
public record CatalogResult(Catalog catalog, Origin origin, Instant fetchedAt, Duration age, Optional<String> warning) {

    public enum Origin {
        /** Fetched from the registry just now. */
        FRESH,
        /** The registry confirmed (HTTP 304) the catalog Airlock already held. */
        NOT_MODIFIED,
        /** The last good catalog, shown because the registry cannot answer now. */
        CACHED
    }

    public boolean cached() {
        return origin == Origin.CACHED;
    }
}
