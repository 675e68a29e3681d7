package dev.airlock.runtime.secrets;

import java.util.Optional;

/**
 * The store Airlock uses on this computer.
 *
 * @param notice for the user when secrets cannot be kept across restarts, such as "Your computer
 *     has no keychain Airlock can use (no Secret Service was found), so you stay signed in only
 *     until Airlock quits."; empty when the keychain works
 */
public record SecretStoreChoice(SecretStore store, Optional<String> notice) {}
