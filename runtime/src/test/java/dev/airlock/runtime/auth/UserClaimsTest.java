package dev.airlock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserClaimsTest {

    private static final List<String> ROLE_CLAIMS = List.of("groups", "roles");

    @Test
    void namesTheUserByNameThenUsernameThenEmail() {
        assertThat(UserClaims.user(
                                Map.of("sub", "1", "name", "Alice", "preferred_username", "alice", "email", "a@x"),
                                ROLE_CLAIMS)
                        .name())
                .isEqualTo("Alice");
        assertThat(UserClaims.user(Map.of("sub", "1", "preferred_username", "alice", "email", "a@x"), ROLE_CLAIMS)
                        .name())
                .isEqualTo("alice");
        assertThat(UserClaims.user(Map.of("sub", "1", "name", " ", "email", "a@x"), ROLE_CLAIMS)
                        .name())
                .isEqualTo("a@x");
        assertThat(UserClaims.user(Map.of("sub", "1"), ROLE_CLAIMS).name()).isEqualTo("1");
    }

    @Test
    void takesRolesFromStringsAndArraysOfTheConfiguredClaims() {
        var user = UserClaims.user(
                Map.of(
                        "sub", "1",
                        "groups", List.of("engineering", "everyone", 42),
                        "roles", "admin",
                        "department", "finance"),
                ROLE_CLAIMS);

        assertThat(user.roles()).containsExactlyInAnyOrder("engineering", "everyone", "admin");
    }

    @Test
    void reachesIntoNestedClaimsByDottedName() {
        var user = UserClaims.user(
                Map.of("sub", "1", "realm_access", Map.of("roles", List.of("offline_access", "reader"))),
                List.of("realm_access.roles"));

        assertThat(user.roles()).containsExactlyInAnyOrder("offline_access", "reader");
    }

    @Test
    void ignoresClaimsThatAreNotRoles() {
        var user = UserClaims.user(Map.of("sub", "1", "groups", Map.of("a", "b"), "roles", 7), ROLE_CLAIMS);

        assertThat(user.roles()).isEmpty();
        assertThat(user.email()).isNull();
    }
}
