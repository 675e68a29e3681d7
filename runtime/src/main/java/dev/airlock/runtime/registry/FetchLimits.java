package dev.airlock.runtime.registry;

import dev.airlock.runtime.catalog.RegistryFileReader;
import java.time.Duration;

/**
 * How much of a registry Airlock fetches, and how long it waits. A registry is untrusted input:
 * these keep a broken or hostile one from filling memory or holding a refresh forever.
 *
 * @param maxBytes the most bytes read for one page, and for all pages together (the merged list
 *     cannot be larger than {@link RegistryFileReader#MAX_BYTES} anyway)
 * @param maxPages pages followed through {@code metadata.nextCursor}
 * @param maxEntries entries over all pages
 * @param connectTimeout for opening a connection
 * @param readTimeout for one page to arrive, headers and body
 */
public record FetchLimits(long maxBytes, int maxPages, int maxEntries, Duration connectTimeout, Duration readTimeout) {

    public static final FetchLimits DEFAULT =
            new FetchLimits(RegistryFileReader.MAX_BYTES, 100, 2_000, Duration.ofSeconds(10), Duration.ofSeconds(30));

    public FetchLimits {
        if (maxBytes < 1 || maxBytes > RegistryFileReader.MAX_BYTES || maxPages < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("Fetch limits must be positive, and at most 16 MiB");
        }
    }
}
