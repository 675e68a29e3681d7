package dev.airlock.runtime.secrets;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.List;
import java.util.Optional;

/**
 * Single keychain entries under the service name "Airlock", with "there is no such entry" told
 * apart from real failures. java-keyring reports both as the same exception, so the difference is
 * read from the messages its backends use for a missing entry; {@link SecretStores} checks at start
 * that this still holds on this computer before it trusts the keychain.
 */
final class KeychainEntries {

    static final String SERVICE = "Airlock";

    // Secret Service and macOS: "No stored credentials match ...", "No password to delete. ...";
    // Windows: ERROR_NOT_FOUND (1168), or an entry without a blob; legacy macOS: errSecItemNotFound.
    private static final List<String> NOT_FOUND_MARKERS = List.of(
            "No stored credentials match",
            "No password to delete",
            "Password not Found",
            "Error code 1168",
            "could not be found in the keychain");

    private final Keyring keyring;

    KeychainEntries(Keyring keyring) {
        this.keyring = keyring;
    }

    Optional<String> read(String account) throws PasswordAccessException {
        try {
            return Optional.of(keyring.getPassword(SERVICE, account));
        } catch (PasswordAccessException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void write(String account, String value) throws PasswordAccessException {
        keyring.setPassword(SERVICE, account, value);
    }

    /** Removes the entry; a missing one is not an error. */
    void remove(String account) throws PasswordAccessException {
        try {
            keyring.deletePassword(SERVICE, account);
        } catch (PasswordAccessException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
    }

    static boolean isNotFound(PasswordAccessException e) {
        String message = e.getMessage();
        return message != null && NOT_FOUND_MARKERS.stream().anyMatch(message::contains);
    }
}
