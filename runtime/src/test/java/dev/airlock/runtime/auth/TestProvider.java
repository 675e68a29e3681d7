package dev.airlock.runtime.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * An embedded OpenID provider (mock-oauth2-server) on 127.0.0.1 that signs in Alice at once, with
 * role claims in her ID token, and rotates refresh tokens.
 */
final class TestProvider implements AutoCloseable {

    static final String ISSUER_ID = "airlock";
    static final String CLIENT_ID = "airlock-desktop";
    static final String SUBJECT = "alice-42";
    static final long TOKEN_SECONDS = 3600;

    private final MockOAuth2Server server;

    private TestProvider(MockOAuth2Server server) {
        this.server = server;
    }

    static TestProvider start() {
        var config = new OAuth2Config(false, null, null, true, new OAuth2TokenProvider(), Set.of(alice(Map.of())));
        var server = new MockOAuth2Server(config);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("The test provider did not start", e));
        }
        return new TestProvider(server);
    }

    /** Alice's token callback, with extra (or overriding) claims. */
    static OAuth2TokenCallback alice(Map<String, Object> extraClaims) {
        var claims = new HashMap<String, Object>(Map.of(
                "name", "Alice Example",
                "preferred_username", "alice",
                "email", "alice@example.com",
                "groups", List.of("engineering", "everyone"),
                "roles", "registry-reader"));
        claims.putAll(extraClaims);
        return new DefaultOAuth2TokenCallback(
                ISSUER_ID, SUBJECT, "JWT", List.of("airlock-registry"), claims, TOKEN_SECONDS);
    }

    /** The issuer, on the loopback literal so discovery and tokens agree on it. */
    URI issuer() {
        return URI.create("http://127.0.0.1:%d/%s".formatted(server.baseUrl().port(), ISSUER_ID));
    }

    int port() {
        return server.baseUrl().port();
    }

    OidcSettings settings() {
        return OidcSettings.of(issuer(), CLIENT_ID);
    }

    /** Makes the next token answer use this callback (for a wrong audience or nonce, say). */
    void nextTokensFrom(OAuth2TokenCallback callback) {
        server.enqueueCallback(callback);
    }

    /** Takes every request recorded so far. The server records a request before answering it. */
    List<RecordedRequest> takeRequests() {
        var requests = new ArrayList<RecordedRequest>();
        while (true) {
            try {
                requests.add(server.takeRequest(0, TimeUnit.MILLISECONDS));
            } catch (RuntimeException nothingLeft) {
                // mock-oauth2-server signals an empty queue with an exception rather than null
                return requests;
            }
        }
    }

    /** The token requests among those recorded so far, as form parameters. */
    List<Map<String, String>> takeTokenRequests() {
        return tokenRequests(takeRequests());
    }

    static List<Map<String, String>> tokenRequests(List<RecordedRequest> requests) {
        return requests.stream()
                .filter(r -> "POST".equals(r.getMethod())
                        && r.getRequestUrl().encodedPath().endsWith("/token"))
                .map(r -> Addresses.parameters(r.getUtf8Body()))
                .toList();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
