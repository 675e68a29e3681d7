package dev.airlock.runtime.registry;

import java.time.Instant;
import java.util.Optional;

/**
 * The last good catalog, as the registry sent it.
 *
 * @param document the merged list of servers, exactly as {@link RegistryClient} handed it to the
 *     reader (not copied: treat it as read-only)
 * @param fetchedAt when the registry last confirmed it, by a full fetch or a 304
 * @param etag the first page's {@code ETag}, for {@code If-None-Match}
 * @param userId the signed-in user's {@code sub}: a cache is only ever shown to the user it was fetched for
 */
public record CachedCatalog(byte[] document, Instant fetchedAt, Optional<String> etag, String userId) {}
