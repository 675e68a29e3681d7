package dev.airlock.runtime.server;

import dev.airlock.runtime.secrets.MemorySecretStore;
import dev.airlock.runtime.secrets.SecretStore;

/** Secrets kept in memory, as on a computer without a keychain. */
class ServerSecretsIT extends ServerSecretsContract {

    private final SecretStore store = new MemorySecretStore();

    @Override
    SecretStore store() {
        return store;
    }
}
