package dev.airlock.runtime.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;

/**
 * Opens the OS keychain; {@code Keyring::create} in the app. A seam, so that a computer without a
 * keychain (or one that never answers) can be played in tests.
 */
@FunctionalInterface
public interface KeyringOpener {

    Keyring open() throws BackendNotSupportedException;
}
