package dev.airlock.runtime.secrets;

import java.util.Optional;

/**
 * Where Airlock keeps what must never be written to disk in clear: the refresh token, the secrets a
 * server needs, the key that seals the catalog cache. The OS keychain where there is one; otherwise
 * memory, for this run only, and the user is told so.
 */
public interface SecretStore {

    /** The value stored under a key, if any. */
    Optional<String> get(String key) throws SecretStoreException;

    void put(String key, String value) throws SecretStoreException;

    /** Removes the value; nothing happens when there is none. */
    void delete(String key) throws SecretStoreException;

    /** Whether values survive a restart of Airlock (false for the in-memory fallback). */
    boolean persistent();

    /** For people: where secrets are kept, such as "the macOS Keychain" or "memory, for this run only". */
    String description();
}
