package dev.airlock.runtime.auth;

import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A test double for the keychain: a map, optionally failing writes. */
final class InMemorySecretStore implements SecretStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final boolean persistent;
    private volatile boolean failWrites;

    InMemorySecretStore() {
        this(true);
    }

    InMemorySecretStore(boolean persistent) {
        this.persistent = persistent;
    }

    void failWrites() {
        failWrites = true;
    }

    /** Everything stored, for assertions. */
    Map<String, String> contents() {
        return Map.copyOf(values);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) throws SecretStoreException {
        if (failWrites) {
            throw new SecretStoreException("The test keychain refuses writes.", null);
        }
        values.put(key, value);
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    @Override
    public String description() {
        return persistent ? "the test keychain" : "memory, for this run only";
    }
}
