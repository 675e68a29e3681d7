package dev.airlock.runtime.registry;

import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A keychain stand-in for tests; {@link #fail()} makes it refuse every call, as a locked keychain does. */
final class InMemorySecrets implements SecretStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private volatile boolean failing;

    void fail() {
        failing = true;
    }

    @Override
    public Optional<String> get(String key) throws SecretStoreException {
        check();
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) throws SecretStoreException {
        check();
        values.put(key, value);
    }

    @Override
    public void delete(String key) throws SecretStoreException {
        check();
        values.remove(key);
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public String description() {
        return "the test keychain";
    }

    private void check() throws SecretStoreException {
        if (failing) {
            throw new SecretStoreException("The test keychain is locked.", null);
        }
    }
}
