package dev.airlock.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The demo company's identity provider: a real OpenID Connect provider (mock-oauth2-server) on
 * 127.0.0.1, whose sign-in page lets a newcomer pick a demo employee. The chosen person's name and
 * groups become claims in the ID and access tokens.
 */
final class DemoIdentityProvider implements AutoCloseable {

    static final String ISSUER_ID = "example-corp";
    static final String CLIENT_ID = "airlock-demo";

    private final Path loginPage;
    private final MockOAuth2Server server;

    DemoIdentityProvider() throws IOException {
        loginPage = Files.createTempFile("airlock-demo-login", ".html");
        try (InputStream page = DemoIdentityProvider.class.getResourceAsStream("login.html")) {
            Files.copy(page, loginPage, StandardCopyOption.REPLACE_EXISTING);
        }
        server = new MockOAuth2Server(new OAuth2Config(true, loginPage.toString(), null, true));
    }

    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /**
     * The issuer, addressed by 127.0.0.1: the provider names tokens' issuer after the host it was
     * asked by, and "localhost" may resolve to ::1, where nothing listens.
     */
    URI issuer() {
        return loopback(server.issuerUrl(ISSUER_ID).toString());
    }

    URI jwks() {
        return loopback(server.jwksUrl(ISSUER_ID).toString());
    }

    private static URI loopback(String url) {
        URI uri = URI.create(url);
        return URI.create(uri.getScheme() + "://127.0.0.1:" + uri.getPort() + uri.getRawPath());
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            Files.deleteIfExists(loginPage);
        } catch (IOException e) {
            // a temp file; the OS cleans it up eventually
        }
    }
}
