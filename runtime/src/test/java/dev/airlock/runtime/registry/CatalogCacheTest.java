package dev.airlock.runtime.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.registry.CacheLoad.Ignored;
import dev.airlock.runtime.registry.CacheLoad.Loaded;
import dev.airlock.runtime.registry.CacheLoad.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCacheTest {

    private static final String USER = "user-1";
    private static final byte[] DOCUMENT =
            Pages.page(null, Pages.entry("io.github.acme/weather")).getBytes(UTF_8);
    private static final CachedCatalog SAVED =
            new CachedCatalog(DOCUMENT, Instant.parse("2026-03-01T09:00:00Z"), Optional.of("W/\"v1\""), USER);

    @TempDir
    Path state;

    private final InMemorySecrets secrets = new InMemorySecrets();

    @Test
    void whatWasSavedComesBack() throws Exception {
        CatalogCache cache = new CatalogCache(state.resolve("new-dir"), secrets);
        cache.save(SAVED);

        CachedCatalog loaded = loaded(cache.load(USER));

        assertThat(loaded.document()).isEqualTo(DOCUMENT);
        assertThat(loaded.fetchedAt()).isEqualTo(SAVED.fetchedAt());
        assertThat(loaded.etag()).isEqualTo(SAVED.etag());
        assertThat(loaded.userId()).isEqualTo(USER);
        assertThat(secrets.get(CatalogCache.KEY_NAME)).isPresent();
    }

    @Test
    void theFileIsForItsOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        CatalogCache cache = new CatalogCache(state, secrets);
        cache.save(SAVED);
        cache.save(SAVED);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file())))
                .isEqualTo("rw-------");
        try (var files = Files.list(state)) {
            assertThat(files).containsExactly(cache.file());
        }
    }

    @Test
    void theKeyIsCreatedOnceAndKept() throws Exception {
        CatalogCache cache = new CatalogCache(state, secrets);
        cache.save(SAVED);
        String key = secrets.get(CatalogCache.KEY_NAME).orElseThrow();
        cache.save(SAVED);

        assertThat(secrets.get(CatalogCache.KEY_NAME)).contains(key);
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
    }

    @Test
    void nothingSavedIsNotAProblem() throws Exception {
        try (LogCapture log = new LogCapture(CatalogCache.class)) {
            assertThat(new CatalogCache(state, secrets).load(USER)).isEqualTo(new CacheLoad.Absent());
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void aFlippedByteInTheCatalogIsCaught() throws Exception {
        CatalogCache cache = saved();
        byte[] bytes = Files.readAllBytes(cache.file());
        bytes[bytes.length - 10] ^= 0x01;
        Files.write(cache.file(), bytes);

        assertIgnored(cache, Reason.TAMPERED, "The saved catalog was ignored: it was changed after Airlock saved it");
    }

    @Test
    void aChangedDescriptionIsCaught() throws Exception {
        CatalogCache cache = saved();
        String text = Files.readString(cache.file());
        Files.writeString(cache.file(), text.replace("2026-03-01T09:00:00Z", "2026-03-09T09:00:00Z"));

        assertIgnored(cache, Reason.TAMPERED, "it was changed after Airlock saved it");
    }

    @Test
    void aReplacedSealIsCaught() throws Exception {
        CatalogCache cache = saved();
        String text = Files.readString(cache.file());
        String seal = text.substring(0, text.indexOf('\n'));
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        Files.writeString(cache.file(), other + text.substring(seal.length()));

        assertIgnored(cache, Reason.TAMPERED, "its seal does not match");
    }

    @Test
    void aFileResealedWithAnotherKeyIsCaught() throws Exception {
        CatalogCache cache = saved();
        InMemorySecrets attacker = new InMemorySecrets();
        new CatalogCache(state, attacker).save(new CachedCatalog(DOCUMENT, Instant.now(), Optional.empty(), USER));

        assertIgnored(cache, Reason.TAMPERED, "its seal does not match");
    }

    @Test
    void aMissingKeyMeansTheCacheIsNotUsed() throws Exception {
        CatalogCache cache = saved();
        secrets.delete(CatalogCache.KEY_NAME);

        assertIgnored(
                cache,
                Reason.KEY_MISSING,
                "The saved catalog was ignored: the key that proves it unchanged is missing from the test keychain.");
        // The next save seals with a new key, and that one is good again.
        cache.save(SAVED);
        assertThat(cache.load(USER)).isInstanceOf(Loaded.class);
    }

    @Test
    void aLockedKeychainMeansTheCacheIsNotUsed() throws Exception {
        CatalogCache cache = saved();
        secrets.fail();

        assertIgnored(cache, Reason.KEY_UNAVAILABLE, "cannot be read from the test keychain");
    }

    @Test
    void aDamagedKeyMeansTheCacheIsNotUsed() throws Exception {
        CatalogCache cache = saved();
        secrets.put(CatalogCache.KEY_NAME, "c2hvcnQ=");

        assertIgnored(cache, Reason.KEY_UNAVAILABLE, "cannot be read");
    }

    @Test
    void somethingElseInItsPlaceIsUnreadable() throws Exception {
        CatalogCache cache = saved();
        Files.write(cache.file(), new byte[] {0, 1, 2, 3});

        assertIgnored(cache, Reason.UNREADABLE, "it is not a catalog saved by Airlock");
    }

    @Test
    void aDirectoryInItsPlaceIsUnreadable() throws Exception {
        CatalogCache cache = saved();
        Files.delete(cache.file());
        Files.createDirectory(cache.file());

        assertIgnored(cache, Reason.UNREADABLE, "it cannot be read");
    }

    @Test
    void anotherAccountsCatalogIsNotShown() throws Exception {
        CatalogCache cache = saved();

        CacheLoad load = cache.load("user-2");

        assertThat(load).isInstanceOf(Ignored.class);
        assertThat(((Ignored) load).reason()).isEqualTo(Reason.OTHER_USER);
    }

    private CatalogCache saved() throws Exception {
        CatalogCache cache = new CatalogCache(state, secrets);
        cache.save(SAVED);
        assertThat(cache.load(USER)).isInstanceOf(Loaded.class); // so that the change below is what breaks it
        return cache;
    }

    private static void assertIgnored(CatalogCache cache, Reason reason, String message) {
        try (LogCapture log = new LogCapture(CatalogCache.class)) {
            CacheLoad load = cache.load(USER);

            assertThat(load).isInstanceOf(Ignored.class);
            assertThat(((Ignored) load).reason()).isEqualTo(reason);
            assertThat(((Ignored) load).message()).contains(message);
            assertThat(log.warnings()).singleElement().asString().contains(message);
        }
    }

    private static CachedCatalog loaded(CacheLoad load) {
        assertThat(load).isInstanceOf(Loaded.class);
        return ((Loaded) load).cached();
    }
}
