package dev.airlock.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemorySecretStoreTest extends SecretStoreContract {

    private final MemorySecretStore store = new MemorySecretStore();

    @Override
    SecretStore store() {
        return store;
    }

    @Test
    void saysItKeepsSecretsOnlyForThisRun() {
        assertThat(store.persistent()).isFalse();
        assertThat(store.description()).isEqualTo("memory, for this run only");
    }

    @Test
    void valuesDoNotReachAnotherInstance() throws Exception {
        String key = key("token");
        store.put(key, "value");

        assertThat(new MemorySecretStore().get(key)).isEmpty();
    }
}
