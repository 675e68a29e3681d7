package dev.airlock.runtime.registry;

import dev.airlock.runtime.catalog.Catalog;
import java.util.Optional;

/** What one fetch from the registry brought. */
public sealed interface FetchResult {

    /**
     * A complete catalog.
     *
     * @param catalog every page's entries, read once by {@code RegistryFileReader}, not yet filtered by role
     * @param document the merged list those entries were read from, for the cache (not copied:
     *     treat it as read-only)
     * @param etag the first page's {@code ETag}, to send back as {@code If-None-Match} next time
     */
    record Fetched(Catalog catalog, byte[] document, Optional<String> etag) implements FetchResult {}

    /** The registry answered 304 to {@code If-None-Match}: the catalog Airlock holds is current. */
    record NotModified() implements FetchResult {}
}
