package dev.airlock.runtime.registry;

import dev.airlock.runtime.auth.SignedInUser;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogException;
import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.registry.CatalogResult.Origin;
import dev.airlock.runtime.registry.FetchResult.Fetched;
import dev.airlock.runtime.registry.FetchResult.NotModified;
import dev.airlock.runtime.registry.RegistryException.Kind;
import dev.airlock.runtime.secrets.SecretStoreException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's catalog from the company registry, filtered by their roles, with the last
 * good one kept on disk for when the registry cannot be reached. Call {@link #refresh} at start and
 * then now and again; it is safe from any thread, one refresh at a time.
 */
public final class RegistryCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCatalog.class);

    private final RegistryClient client;
    private final CatalogCache cache;
    private final RegistryFileReader reader;
    private final Clock clock;

    /** The last good catalog of {@link #checkedUser}, unfiltered; null when there is none. */
    private Held held;
    /** The user whose saved catalog was last looked for, so a bad cache is warned about once. */
    private String checkedUser;

    public RegistryCatalog(RegistryClient client, CatalogCache cache, RegistryFileReader reader, Clock clock) {
        this.client = client;
        this.cache = cache;
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * Asks the registry for {@code user}'s catalog (a cheap 304 when nothing changed). When the
     * registry is away or answers with something unusable, the last good catalog stands in, marked
     * as {@link Origin#CACHED} with a warning.
     *
     * @throws RegistryException when there is no catalog to show: the user must sign in again, the
     *     registry refuses them, or it cannot be reached and nothing was saved before
     */
    public synchronized CatalogResult refresh(SignedInUser user) throws RegistryException, InterruptedException {
        Held last = lastGood(user.subject());
        FetchResult fetched;
        try {
            fetched = client.fetch(last == null ? Optional.empty() : last.etag());
        } catch (RegistryException e) {
            if (last == null || !e.lastCatalogStillValid()) {
                throw e;
            }
            LOG.info("Showing the catalog from {} instead: {}", last.fetchedAt(), e.getMessage());
            return result(last, Origin.CACHED, user, Optional.of(stale(last, e)));
        }
        Instant now = clock.instant();
        held = switch (fetched) {
            case Fetched(Catalog catalog, byte[] document, Optional<String> etag) ->
                new Held(catalog, document, etag, now, user.subject());
            // Only possible when an ETag was sent, that is with a last good catalog to confirm.
            case NotModified() -> last.confirmedAt(now);
        };
        save(held);
        return result(
                held, fetched instanceof NotModified ? Origin.NOT_MODIFIED : Origin.FRESH, user, Optional.empty());
    }

    /** The catalog held in memory for this user, else the one saved on disk, else null. */
    private Held lastGood(String userId) {
        if (held != null && held.userId().equals(userId)) {
            return held;
        }
        held = null;
        if (userId.equals(checkedUser)) {
            return null;
        }
        checkedUser = userId;
        if (!(cache.load(userId) instanceof CacheLoad.Loaded(CachedCatalog saved))) {
            return null; // CatalogCache has said why
        }
        try {
            Catalog catalog = reader.parse(saved.document(), "The saved catalog");
            held = new Held(catalog, saved.document(), saved.etag(), saved.fetchedAt(), userId);
        } catch (CatalogException e) {
            // Sealed by Airlock, yet unreadable: written by a version with other rules. Fetch afresh.
            LOG.warn("The saved catalog was ignored: this version of Airlock cannot read it ({})", e.getMessage());
        }
        return held;
    }

    private void save(Held catalog) {
        try {
            cache.save(new CachedCatalog(catalog.document(), catalog.fetchedAt(), catalog.etag(), catalog.userId()));
        } catch (IOException | SecretStoreException e) {
            // Not fatal: the catalog is current; only an offline start would miss it.
            LOG.warn("Could not save the catalog for offline use at {}: {}", cache.file(), e.getMessage(), e);
        }
    }

    private CatalogResult result(Held catalog, Origin origin, SignedInUser user, Optional<String> warning) {
        Duration age = Duration.between(catalog.fetchedAt(), clock.instant());
        return new CatalogResult(
                RoleFilter.forRoles(catalog.catalog(), user.roles()), origin, catalog.fetchedAt(), age, warning);
    }

    private String stale(Held last, RegistryException e) {
        String from = "Showing your catalog from " + Ages.ago(Duration.between(last.fetchedAt(), clock.instant()));
        return e.kind() == Kind.UNREACHABLE
                ? from + "; the company catalog can't be reached (" + e.detail() + "). Airlock will try again."
                : from + ". " + e.getMessage();
    }

    private record Held(Catalog catalog, byte[] document, Optional<String> etag, Instant fetchedAt, String userId) {
        Held confirmedAt(Instant now) {
            return new Held(catalog, document, etag, now, userId);
        }
    }
}
