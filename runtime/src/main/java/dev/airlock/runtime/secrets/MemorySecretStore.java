package dev.airlock.runtime.secrets;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The fallback when the computer has no keychain Airlock can use: secrets live as long as this
 * process, so the user signs in again after a restart. Nothing is ever written to disk.
 */
public final class MemorySecretStore implements SecretStore {

    private final ConcurrentMap<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(SecretKeys.check(key)));
    }

    @Override
    public void put(String key, String value) {
        values.put(SecretKeys.check(key), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void delete(String key) {
        values.remove(SecretKeys.check(key));
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public String description() {
        return "memory, for this run only";
    }

    @Override
    public String toString() {
        // never the values
        return "MemorySecretStore[" + values.size() + " entries]";
    }
}
