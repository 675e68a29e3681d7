package dev.airlock.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.github.javakeyring.Keyring;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract against this computer's real keychain: gnome-keyring's Secret Service in CI, which
 * runs the tests inside a private session bus with a throw-away, unlocked keyring:
 *
 * <pre>
 * export XDG_DATA_HOME=$(mktemp -d)
 * dbus-run-session -- bash -c 'printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
 *   (wait until org.freedesktop.secrets has an owner on the bus)
 *   ./mvnw ...'
 * </pre>
 *
 * In CI ({@code CI=true}) a missing keychain fails the build, because a test that quietly skips
 * there proves nothing; on a developer machine without one it is skipped with the reason.
 */
@Timeout(120)
class KeychainSecretStoreTest extends SecretStoreContract {

    private static KeychainSecretStore store;

    @BeforeAll
    static void openTheKeychain() {
        SecretStoreChoice choice = SecretStores.choose();
        if (choice.store() instanceof KeychainSecretStore keychain) {
            store = keychain;
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
        if (store != null) {
            store.close();
        }
    }

    @Override
    SecretStore store() {
        return store;
    }

    @Test
    void saysWhichKeychainItUses() {
        assertThat(store.persistent()).isTrue();
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String expected = os.contains("mac")
                ? "the macOS Keychain"
                : os.contains("win") ? "Windows Credential Manager" : "your desktop's keyring (Secret Service)";
        assertThat(store.description()).isIn(expected, "KDE Wallet");
    }

    @Test
    void valuesOutliveTheStoreThatWroteThem() throws Exception {
        String key = key("survivor");
        store.put(key, "still here");

        SecretStoreChoice again = SecretStores.choose();
        try (KeychainSecretStore other = (KeychainSecretStore) again.store()) {
            assertThat(other.get(key)).contains("still here");
        }
    }

    @Test
    void aLongValueLeavesNoPartsBehindWhenDeleted() throws Exception {
        String key = key("parts");
        store.put(key, randomText(4096));

        store.delete(key);

        try (Keyring keyring = Keyring.create()) {
            KeychainEntries raw = new KeychainEntries(keyring);
            for (int number = 1; number <= 5; number++) {
                assertThat(raw.read(KeychainValue.partName(key, number)))
                        .as("part %d", number)
                        .isEmpty();
            }
        }
    }

    @Test
    void aShortValueIsOneEntryUnderTheKeyInTheAirlockService() throws Exception {
        String key = key("plain");
        store.put(key, "visible in the OS keychain app");

        try (Keyring keyring = Keyring.create()) {
            assertThat(keyring.getPassword("Airlock", key)).isEqualTo("=visible in the OS keychain app");
        }
    }
}
