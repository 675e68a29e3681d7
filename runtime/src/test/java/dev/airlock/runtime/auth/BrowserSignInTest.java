package dev.airlock.runtime.auth;

import static dev.airlock.runtime.auth.SignIns.WAIT;
import static dev.airlock.runtime.auth.SignIns.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.airlock.runtime.auth.SignInException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interactive sign-in against an embedded provider, with a browser double doing what a browser does. */
class BrowserSignInTest {

    private static TestProvider provider;

    @BeforeAll
    static void startProvider() {
        provider = TestProvider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        provider.takeRequests();
    }

    @Test
    void signsInThroughTheBrowserAndKeepsOnlyTheRefreshToken() throws Exception {
        var store = new InMemorySecretStore();
        var browser = ScriptedBrowser.signingIn();
        var events = new CopyOnWriteArrayList<SessionEvent>();
        try (var manager = new SignInManager(provider.settings(), store, browser)) {
            manager.addListener(events::add);

            SignedInUser user = SignIns.signIn(manager);

            assertThat(user.subject()).isEqualTo(TestProvider.SUBJECT);
            assertThat(user.name()).isEqualTo("Alice Example");
            assertThat(user.email()).isEqualTo("alice@example.com");
            assertThat(user.roles()).containsExactlyInAnyOrder("engineering", "everyone", "registry-reader");
            assertThat(manager.user()).contains(user);
            assertThat(events).containsExactly(new SessionEvent.SignedIn(user));
            assertThat(browser.tab().status()).isEqualTo(200);
            assertThat(browser.tab().body()).contains("You are signed in to Airlock", "You can close this tab.");

            String accessToken = manager.accessToken();
            assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getSubject())
                    .isEqualTo(TestProvider.SUBJECT);
            assertThat(store.contents()).containsOnlyKeys(StoredRefreshToken.keyFor(provider.settings()));
            assertThat(store.contents().values()).doesNotContain(accessToken);
        }
    }

    @Test
    void sendsTheBrowserToTheLoopbackAddressWithStateAndNonce() throws Exception {
        var browser = ScriptedBrowser.signingIn();
        try (var manager = new SignInManager(provider.settings(), new InMemorySecretStore(), browser)) {
            SignIns.signIn(manager);
        }
        Map<String, String> authorization =
                Addresses.query(browser.openedSoFar().getFirst());

        URI redirect = URI.create(authorization.get("redirect_uri"));
        assertThat(redirect.getScheme()).isEqualTo("http");
        assertThat(redirect.getHost()).isEqualTo("127.0.0.1");
        assertThat(redirect.getPort()).isPositive();
        assertThat(redirect.getPath()).isEqualTo("/callback");
        assertThat(authorization)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", TestProvider.CLIENT_ID)
                .containsEntry("scope", "openid profile email offline_access");
        // 32 random bytes each, base64url-encoded
        assertThat(authorization.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(authorization.get("nonce")).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void provesPossessionOfTheCodeWithPkceS256() throws Exception {
        try (var manager =
                new SignInManager(provider.settings(), new InMemorySecretStore(), ScriptedBrowser.signingIn())) {
            SignIns.signIn(manager);
        }
        List<RecordedRequest> requests = provider.takeRequests();
        RecordedRequest authorization = requests.stream()
                .filter(r -> r.getRequestUrl().encodedPath().endsWith("/authorize"))
                .findFirst()
                .orElseThrow();
        Map<String, String> token = TestProvider.tokenRequests(requests).getFirst();

        String challenge = authorization.getRequestUrl().queryParameter("code_challenge");
        String verifier = token.get("code_verifier");
        assertThat(authorization.getRequestUrl().queryParameter("code_challenge_method"))
                .isEqualTo("S256");
        assertThat(token).containsEntry("grant_type", "authorization_code");
        assertThat(verifier).hasSizeBetween(43, 128);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64URL.encode(digest).toString()).isEqualTo(challenge);
        // a public client: identified, not authenticated; the redirect is the one the code was issued for
        assertThat(token)
                .containsEntry("client_id", TestProvider.CLIENT_ID)
                .containsEntry("redirect_uri", authorization.getRequestUrl().queryParameter("redirect_uri"))
                .doesNotContainKey("client_secret");
    }

    @Test
    void refusesAnAnswerWithAnotherState() throws Exception {
        var store = new InMemorySecretStore();
        var browser =
                ScriptedBrowser.signingInWithRedirect(back -> Addresses.withParameter(back, "state", "forged-state"));
        try (var manager = new SignInManager(provider.settings(), store, browser)) {
            SignInException failure = failureOf(manager.signIn());

            assertThat(failure.reason()).isEqualTo(Reason.UNTRUSTED);
            assertThat(failure.getMessage())
                    .isEqualTo(
                            "Airlock refused this sign-in because the answer in your browser did not belong to the sign-in Airlock started (it may have been forged). Start the sign-in again from Airlock.");
            assertThat(browser.tab().status()).isEqualTo(400);
            assertThat(browser.tab().body()).contains("Sign-in did not complete", "did not belong to the sign-in");
            assertThat(manager.user()).isEmpty();
        }
        assertThat(provider.takeTokenRequests())
                .as("the code is never redeemed")
                .isEmpty();
        assertThat(store.contents()).isEmpty();
    }

    @Test
    void explainsThatTheProviderDeniedAccess() throws Exception {
        var browser = ScriptedBrowser.signingInWithRedirect(back -> {
            var denied = new LinkedHashMap<String, String>();
            denied.put("error", "access_denied");
            denied.put("error_description", "The user is not assigned to this application");
            denied.put("state", Addresses.query(back).get("state"));
            return Addresses.withQuery(back, denied);
        });
        try (var manager = new SignInManager(provider.settings(), new InMemorySecretStore(), browser)) {
            SignInException failure = failureOf(manager.signIn());

            assertThat(failure.reason()).isEqualTo(Reason.DENIED);
            assertThat(failure.getMessage())
                    .isEqualTo(
                            "Sign-in was declined: your company's sign-in service did not grant Airlock access. If you should have access, ask your IT team.");
            assertThat(browser.tab().body()).contains("Sign-in was declined");
        }
        assertThat(provider.takeTokenRequests()).isEmpty();
    }

    @Test
    void refusesAnIdTokenIssuedToAnotherClient() throws Exception {
        provider.nextTokensFrom(TestProvider.alice(Map.of("aud", "someone-else")));
        assertRefusedIdToken();
    }

    @Test
    void refusesAnIdTokenWithAnotherNonce() throws Exception {
        provider.nextTokensFrom(TestProvider.alice(Map.of("nonce", "not-the-nonce-airlock-sent")));
        assertRefusedIdToken();
    }

    private static void assertRefusedIdToken() throws Exception {
        var store = new InMemorySecretStore();
        var browser = ScriptedBrowser.signingIn();
        try (var manager = new SignInManager(provider.settings(), store, browser)) {
            SignInException failure = failureOf(manager.signIn());

            assertThat(failure.reason()).isEqualTo(Reason.UNTRUSTED);
            assertThat(failure.getMessage())
                    .isEqualTo(
                            "Airlock refused the answer from your sign-in service because it could not be verified. Try again; if it keeps happening, tell your IT team.");
            assertThat(browser.tab().body()).contains("could not be verified");
            assertThat(manager.user()).isEmpty();
        }
        assertThat(provider.takeTokenRequests()).hasSize(1);
        assertThat(store.contents()).isEmpty();
    }

    @Test
    void cancellingStopsTheListener() throws Exception {
        var browser = ScriptedBrowser.ignoring();
        try (var manager = new SignInManager(provider.settings(), new InMemorySecretStore(), browser)) {
            SignInAttempt attempt = manager.signIn();
            int port = callbackPort(browser.nextOpened());
            assertThat(Addresses.portClosed(port))
                    .as("listening while the user signs in")
                    .isFalse();

            attempt.cancel();

            SignInException failure = failureOf(attempt);
            assertThat(failure.reason()).isEqualTo(Reason.CANCELLED);
            assertThat(failure.getMessage()).isEqualTo("Sign-in was cancelled.");
            await().atMost(WAIT).until(() -> Addresses.portClosed(port));
            assertThat(manager.user()).isEmpty();
        }
    }

    @Test
    void cancellingTheFutureStopsTheListenerToo() throws Exception {
        var browser = ScriptedBrowser.ignoring();
        try (var manager = new SignInManager(provider.settings(), new InMemorySecretStore(), browser)) {
            SignInAttempt attempt = manager.signIn();
            int port = callbackPort(browser.nextOpened());
            assertThat(Addresses.portClosed(port)).isFalse();

            attempt.result().cancel(true);

            await().atMost(WAIT).until(() -> Addresses.portClosed(port));
        }
    }

    @Test
    void aNewSignInCancelsTheOneWaiting() throws Exception {
        var browser = ScriptedBrowser.ignoring();
        try (var manager = new SignInManager(provider.settings(), new InMemorySecretStore(), browser)) {
            SignInAttempt first = manager.signIn();
            int firstPort = callbackPort(browser.nextOpened());

            SignInAttempt second = manager.signIn();

            assertThat(failureOf(first).reason()).isEqualTo(Reason.CANCELLED);
            await().atMost(WAIT).until(() -> Addresses.portClosed(firstPort));
            assertThat(Addresses.portClosed(callbackPort(browser.nextOpened()))).isFalse();
            assertThat(second.isDone()).isFalse();
        }
    }

    @Test
    void givesUpAfterTheTimeout() throws Exception {
        var browser = ScriptedBrowser.ignoring();
        var settings = provider.settings().withSignInTimeout(Duration.ofSeconds(1));
        try (var manager = new SignInManager(settings, new InMemorySecretStore(), browser)) {
            SignInAttempt attempt = manager.signIn();
            int port = callbackPort(browser.nextOpened());

            SignInException failure = failureOf(attempt);

            assertThat(failure.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(failure.getMessage())
                    .isEqualTo(
                            "Sign-in timed out: Airlock waited 1 second for you to sign in in your browser. Start the sign-in again when you are ready.");
            await().atMost(WAIT).until(() -> Addresses.portClosed(port));
        }
    }

    @Test
    void asksTheUserToOpenTheAddressWhenNoBrowserStarts() throws Exception {
        var progress = new LinkedBlockingQueue<SignInProgress>();
        try (var manager =
                new SignInManager(provider.settings(), new InMemorySecretStore(), ScriptedBrowser.failing())) {
            SignInAttempt attempt = manager.signIn(progress::add);

            SignInProgress step = progress.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(step).isInstanceOf(SignInProgress.OpenAddressYourself.class);
            var openYourself = (SignInProgress.OpenAddressYourself) step;
            assertThat(openYourself.message())
                    .isEqualTo("Airlock could not open your web browser. Open this address yourself: "
                            + openYourself.address());
            assertThat(openYourself.address().toString()).startsWith(provider.issuer() + "/authorize?");

            // the user pastes the address into a browser; Airlock is still listening
            ScriptedBrowser.signingIn().signInAt(openYourself.address());

            assertThat(attempt.result().get(WAIT.toSeconds(), TimeUnit.SECONDS).subject())
                    .isEqualTo(TestProvider.SUBJECT);
        }
    }

    @Test
    void explainsAnUnreachableProvider() throws Exception {
        var settings = OidcSettings.of(
                URI.create("http://127.0.0.1:%d/airlock".formatted(Addresses.unusedPort())), TestProvider.CLIENT_ID);
        var browser = ScriptedBrowser.signingIn();
        try (var manager = new SignInManager(settings, new InMemorySecretStore(), browser)) {
            SignInException failure = failureOf(manager.signIn());

            assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(failure.getMessage())
                    .isEqualTo(
                            "Airlock could not reach your company's sign-in service (127.0.0.1). Check your network connection (and VPN, if you use one), then try again.");
        }
        assertThat(browser.openedSoFar()).isEmpty();
    }

    private static int callbackPort(URI authorizationAddress) {
        return URI.create(Addresses.query(authorizationAddress).get("redirect_uri"))
                .getPort();
    }
}
