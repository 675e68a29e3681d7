package dev.airlock.runtime.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns validated ID-token claims into a {@link SignedInUser}. */
final class UserClaims {

    private UserClaims() {}

    static SignedInUser user(Map<String, Object> claims, List<String> roleClaims) {
        String subject = text(claims.get("sub"));
        if (subject == null) {
            // a validated ID token always has one; this guards against misuse, not against the provider
            throw new IllegalArgumentException("ID token claims without a subject");
        }
        String email = text(claims.get("email"));
        String name = firstText(claims.get("name"), claims.get("preferred_username"), email, subject);
        var roles = new LinkedHashSet<String>();
        for (String claim : roleClaims) {
            addRoles(find(claims, claim), roles);
        }
        return new SignedInUser(subject, name, email, roles);
    }

    /**
     * A claim by name; when there is no claim of that exact name, a dotted name walks nested objects
     * ({@code realm_access.roles} in Keycloak's tokens).
     */
    private static Object find(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    // providers send a single role as a string and several as an array; anything else is not a role
    private static void addRoles(Object value, Set<String> roles) {
        switch (value) {
            case String role when !role.isBlank() -> roles.add(role);
            case Collection<?> values ->
                values.forEach(v -> {
                    if (v instanceof String role && !role.isBlank()) {
                        roles.add(role);
                    }
                });
            case null, default -> {}
        }
    }

    private static String firstText(Object... values) {
        for (Object value : values) {
            String text = text(value);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
