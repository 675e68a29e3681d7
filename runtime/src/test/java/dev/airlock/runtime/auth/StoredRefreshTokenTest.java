package dev.airlock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class StoredRefreshTokenTest {

    @Test
    void keysDifferByIssuerAndClientAndStayStable() {
        var acme = OidcSettings.of(URI.create("https://login.acme.example/realms/staff"), "airlock");
        var sameAgain = OidcSettings.of(URI.create("https://login.acme.example/realms/staff"), "airlock");
        var otherClient = OidcSettings.of(URI.create("https://login.acme.example/realms/staff"), "airlock-test");
        var otherIssuer = OidcSettings.of(URI.create("https://login.other.example/realms/staff"), "airlock");

        String key = StoredRefreshToken.keyFor(acme);

        assertThat(key).matches("airlock\\.oidc\\.refresh-token\\.[0-9a-f]{32}");
        assertThat(StoredRefreshToken.keyFor(sameAgain)).isEqualTo(key);
        assertThat(StoredRefreshToken.keyFor(otherClient)).isNotEqualTo(key);
        assertThat(StoredRefreshToken.keyFor(otherIssuer)).isNotEqualTo(key);
    }
}
