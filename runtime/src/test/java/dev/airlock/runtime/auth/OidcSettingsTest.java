package dev.airlock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    @Test
    void hasTheDefaultsANativeAppNeeds() {
        var settings = OidcSettings.of(URI.create("https://login.example.com/realms/acme"), "airlock");

        assertThat(settings.scopes()).containsExactly("openid", "profile", "email", "offline_access");
        assertThat(settings.roleClaims()).containsExactly("groups", "roles");
        assertThat(settings.signInTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void alwaysAsksForOpenId() {
        var settings = new OidcSettings(
                URI.create("https://login.example.com"), "airlock", List.of("profile", "offline_access"), null, null);

        assertThat(settings.scopes()).containsExactly("openid", "profile", "offline_access");
    }

    @Test
    void refusesPlainHttpExceptOnThisComputer() {
        assertThatThrownBy(() -> OidcSettings.of(URI.create("http://login.example.com"), "airlock"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with https://");
        assertThat(OidcSettings.of(URI.create("http://127.0.0.1:8080/realms/test"), "airlock")
                        .issuer())
                .hasHost("127.0.0.1");
        assertThat(OidcSettings.of(URI.create("http://localhost:8080"), "airlock")
                        .issuer())
                .hasHost("localhost");
    }

    @Test
    void refusesIncompleteSettings() {
        assertThatThrownBy(() -> OidcSettings.of(URI.create("login.example.com"), "airlock"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a full address");
        assertThatThrownBy(() -> OidcSettings.of(URI.create("https://login.example.com?tenant=a"), "airlock"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcSettings.of(URI.create("https://login.example.com"), " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client id");
        assertThatThrownBy(() -> OidcSettings.of(URI.create("https://login.example.com"), "airlock")
                        .withSignInTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendsTokensOnlyOverHttpsOrLoopback() {
        assertThat(OidcSettings.secureOrLoopback(URI.create("https://idp.example.com/token")))
                .isTrue();
        assertThat(OidcSettings.secureOrLoopback(URI.create("http://127.0.0.1:9/token")))
                .isTrue();
        assertThat(OidcSettings.secureOrLoopback(URI.create("http://[::1]:9/token")))
                .isTrue();
        assertThat(OidcSettings.secureOrLoopback(URI.create("http://idp.example.com/token")))
                .isFalse();
        assertThat(OidcSettings.secureOrLoopback(URI.create("http://127.0.0.1.example.com/token")))
                .isFalse();
        assertThat(OidcSettings.secureOrLoopback(URI.create("file:///tmp/token")))
                .isFalse();
    }
}
