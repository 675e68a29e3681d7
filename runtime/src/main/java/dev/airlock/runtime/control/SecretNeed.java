package dev.airlock.runtime.control;

/**
 * A secret a server needs from the user, such as an API token: what it is for, and whether the user
 * has stored one. The value itself never leaves the keychain except into the server's container.
 *
 * @param name the environment variable the server reads it from, such as {@code GITHUB_TOKEN}
 * @param description what it is for, as the registry describes it
 */
public record SecretNeed(String name, String description, boolean required, boolean stored) {}
