package dev.airlock.runtime.server;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.airlock.runtime.secrets.KeychainSecretStore;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreChoice;
import dev.airlock.runtime.secrets.SecretStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Secrets in this computer's real keychain: gnome-keyring's Secret Service in CI (see
 * KeychainSecretStoreTest for how CI provides it). In CI ({@code CI=true}) a missing keychain fails
 * the build; on a developer machine without one the tests are skipped with the reason.
 */
class KeychainServerSecretsIT extends ServerSecretsContract {

    private static KeychainSecretStore keychain;

    @BeforeAll
    static void openTheKeychain() {
        SecretStoreChoice choice = SecretStores.choose();
        if (choice.store() instanceof KeychainSecretStore store) {
            keychain = store;
            return;
        }
        String reason = "No usable keychain: " + choice.notice().orElse("(no reason given)");
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + " CI must run these tests inside dbus-run-session with gnome-keyring-daemon unlocked.");
        }
        abort(reason);
    }

    @AfterAll
    static void close() {
        if (keychain != null) {
            keychain.close();
        }
    }

    @Override
    SecretStore store() {
        return keychain;
    }
}
