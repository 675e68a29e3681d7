package dev.airlock.runtime.auth;

import java.util.Set;

/**
 * Who is signed in, from the validated ID token.
 *
 * @param subject the provider's stable id for the user ({@code sub})
 * @param name what to call them: {@code name}, else {@code preferred_username}, else {@code email}
 * @param roles the values of the configured role claims (by default {@code groups} and {@code roles})
 */
public record SignedInUser(String subject, String name, String email, Set<String> roles) {

    public SignedInUser {
        roles = Set.copyOf(roles);
    }
}
