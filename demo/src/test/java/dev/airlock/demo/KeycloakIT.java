package dev.airlock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.auth.OidcSettings;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.company.CompanySetup;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.SignInNotice;
import dev.airlock.runtime.control.UserView;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.secrets.MemorySecretStore;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real identity provider: Keycloak (from Maven Central) with a realm where Erin is
 * in the engineering group, a company registry that trusts Keycloak's tokens, and Airlock signing
 * in through Keycloak's own sign-in page with PKCE, as an employee would.
 */
class KeycloakIT {

    private static final String REALM = "airlock-test";
    private static Process keycloak;
    private static URI issuer;
    private static DemoRegistry registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startKeycloakAndRegistry() throws Exception {
        TestImages.ensureBuilt();
        Path home = Path.of(System.getProperty("keycloak.home"));
        // a fresh database each run: an existing realm is never imported again, so edits to it would be ignored
        deleteTree(home.resolve("data/h2"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakIT.class.getResourceAsStream("keycloak/airlock-test-realm.json")) {
            Files.copy(realm, imports.resolve("airlock-test-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = freePort();
        var command = new ProcessBuilder(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--import-realm")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("keycloak-it.log").toFile());
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        keycloak = command.start();
        issuer = URI.create("http://127.0.0.1:" + port + "/realms/" + REALM);
        var http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    if (!keycloak.isAlive()) {
                        throw new AssertionError("Keycloak exited; see " + home.resolve("keycloak-it.log"));
                    }
                    return http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(issuer + "/.well-known/openid-configuration"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
        try (InputStream catalog = KeycloakIT.class.getResourceAsStream("keycloak/catalog.json")) {
            registry = new DemoRegistry(
                    Json.mapper().readTree(catalog),
                    issuer,
                    URI.create(issuer + "/protocol/openid-connect/certs"),
                    "airlock",
                    OidcSettings.DEFAULT_SCOPES);
        }
        registry.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (keycloak != null) {
            keycloak.destroy();
            if (!keycloak.waitFor(60, TimeUnit.SECONDS)) {
                keycloak.destroyForcibly();
            }
        }
    }

    @Test
    void afterSigningInTheCatalogShowsTheEngineeringServersAndNotTheFinanceOnes() throws Exception {
        var browser = new KeycloakBrowser("erin", "not-a-real-password");
        var options = new EngineOptions(
                Catalog.EMPTY,
                Optional.of(new CompanySetup(
                        "Example Corp",
                        registry.url(),
                        OidcSettings.of(issuer, "airlock").withSignInTimeout(Duration.ofMinutes(1)))),
                StateDirectory.at(stateDir).create(),
                0,
                System.getenv(),
                EngineOptions.DEFAULT_READY_TIMEOUT,
                EngineOptions.DEFAULT_NPM_BUILD,
                new MemorySecretStore(),
                browser,
                Optional.empty());
        try (var engine = AirlockEngine.start(options)) {
            assertThat(engine.servers()).isEmpty();
            assertThat(engine.status().company().message()).startsWith("Sign in with your Example Corp account");

            List<SignInNotice> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
            var signingIn = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.signIn(null, notices::add);
                } catch (dev.airlock.runtime.control.ControlException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // the browser's own failure says more than the sign-in timing out later
            int callbackStatus = browser.done.get(60, TimeUnit.SECONDS);
            UserView user = signingIn.get(60, TimeUnit.SECONDS);
            assertThat(callbackStatus).isEqualTo(200);
            assertThat(user.name()).isEqualTo("Erin Engineer");
            assertThat(user.roles()).contains("engineering").doesNotContain("finance");
            assertThat(notices).extracting(SignInNotice::message).anyMatch(m -> m.contains("browser"));
            assertThat(engine.servers()).extracting(ServerView::shortName).containsExactly("build-tools");
            assertThat(engine.status().user().name()).isEqualTo("Erin Engineer");
            assertThat(engine.status().company().catalog()).isEqualTo("fresh");
            // the secrets are in memory here: the user is told that sign-in lasts only this run
            assertThat(engine.status().company().message()).contains("stay signed in only until Airlock quits");

            // the engineering server really runs, on the identity the company gave
            assertThat(engine.enable("build-tools").state()).isEqualTo("running");

            engine.signOut();
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.servers().isEmpty());
            assertThat(engine.status().user()).isNull();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
