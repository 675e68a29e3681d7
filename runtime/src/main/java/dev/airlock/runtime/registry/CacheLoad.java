package dev.airlock.runtime.registry;

/** What {@link CatalogCache#load} found. */
public sealed interface CacheLoad {

    record Loaded(CachedCatalog cached) implements CacheLoad {}

    /** Nothing saved yet: a first start, not a problem. */
    record Absent() implements CacheLoad {}

    /** A saved catalog that must not be used, and why, in a sentence for the log and for people. */
    record Ignored(Reason reason, String message) implements CacheLoad {}

    enum Reason {
        /** The key that seals the cache is not in the keychain (a new keychain, or it was deleted). */
        KEY_MISSING,
        /** The keychain could not be asked, or what it holds is not a key. */
        KEY_UNAVAILABLE,
        /** The file changed after Airlock sealed it. */
        TAMPERED,
        /** The file cannot be read or is not a catalog cache at all. */
        UNREADABLE,
        /** Another account's catalog. */
        OTHER_USER
    }
}
