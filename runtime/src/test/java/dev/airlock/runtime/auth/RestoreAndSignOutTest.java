package dev.airlock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A saved sign-in survives a restart; signing out leaves nothing behind. */
class RestoreAndSignOutTest {

    private static TestProvider provider;

    private final InMemorySecretStore store = new InMemorySecretStore();

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

    private String storedRefreshToken() {
        return store.contents().get(StoredRefreshToken.keyFor(provider.settings()));
    }

    @Test
    void restoresTheSavedSignInAtStart() throws Exception {
        SignedInUser signedIn;
        try (var firstRun = new SignInManager(provider.settings(), store, ScriptedBrowser.signingIn())) {
            signedIn = SignIns.signIn(firstRun);
        }
        String saved = storedRefreshToken();
        provider.takeRequests();
        var browser = ScriptedBrowser.signingIn();
        var events = new CopyOnWriteArrayList<SessionEvent>();

        try (var nextRun = new SignInManager(provider.settings(), store, browser)) {
            nextRun.addListener(events::add);
            SignedInUser restored = nextRun.restore().orElseThrow();

            assertThat(restored).isEqualTo(signedIn);
            assertThat(nextRun.user()).contains(restored);
            assertThat(events).containsExactly(new SessionEvent.SignedIn(restored));
            assertThat(SignedJWT.parse(nextRun.accessToken()).getJWTClaimsSet().getSubject())
                    .isEqualTo(TestProvider.SUBJECT);
        }
        assertThat(browser.openedSoFar()).as("no browser needed").isEmpty();
        assertThat(provider.takeTokenRequests())
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("grant_type", "refresh_token")
                        .containsEntry("refresh_token", saved));
        assertThat(storedRefreshToken()).as("rotated on restore").isNotEqualTo(saved);
    }

    @Test
    void accessTokenRestoresTheSavedSignInWhenStartUpCouldNot() throws Exception {
        try (var firstRun = new SignInManager(provider.settings(), store, ScriptedBrowser.signingIn())) {
            SignIns.signIn(firstRun);
        }
        try (var nextRun = new SignInManager(provider.settings(), store, ScriptedBrowser.ignoring())) {
            assertThat(SignedJWT.parse(nextRun.accessToken()).getJWTClaimsSet().getSubject())
                    .isEqualTo(TestProvider.SUBJECT);
            assertThat(nextRun.user()).isPresent();
        }
    }

    @Test
    void nothingSavedMeansNotSignedInWithoutAskingTheProvider() throws Exception {
        try (var manager = new SignInManager(provider.settings(), store, ScriptedBrowser.ignoring())) {
            assertThat(manager.restore()).isEmpty();
            assertThatThrownBy(manager::accessToken)
                    .isInstanceOf(NotSignedInException.class)
                    .hasMessage("You are not signed in to Airlock. Sign in, then try again.");
        }
        assertThat(provider.takeRequests()).isEmpty();
    }

    @Test
    void aSavedSignInTheProviderNoLongerAcceptsIsRemoved() throws Exception {
        store.put(StoredRefreshToken.keyFor(provider.settings()), "revoked-long-ago");
        try (var manager = new SignInManager(provider.settings(), store, ScriptedBrowser.ignoring())) {
            assertThat(manager.restore()).isEmpty();
            assertThat(manager.user()).isEmpty();
        }
        assertThat(provider.takeTokenRequests()).hasSize(1);
        assertThat(store.contents()).isEmpty();
    }

    @Test
    void aStoreThatForgetsOnExitStillHoldsTheSessionForThisRun() throws Exception {
        var memoryOnly = new InMemorySecretStore(false);
        try (var manager = new SignInManager(provider.settings(), memoryOnly, ScriptedBrowser.signingIn())) {
            SignIns.signIn(manager);
            String first = manager.accessToken();
            manager.rejected(first);

            assertThat(manager.accessToken()).isNotEqualTo(first);
            assertThat(memoryOnly.contents()).hasSize(1);
        }
    }

    @Test
    void aKeychainThatRefusesWritesLeavesNoStaleTokenBehind() throws Exception {
        try (var manager = new SignInManager(provider.settings(), store, ScriptedBrowser.signingIn())) {
            SignIns.signIn(manager);
            store.failWrites();
            String first = manager.accessToken();
            manager.rejected(first);

            assertThat(manager.accessToken())
                    .as("the session goes on in memory")
                    .isNotEqualTo(first);
            assertThat(store.contents())
                    .as("the spent token is not kept for the next start")
                    .isEmpty();
        }
    }

    @Test
    void signOutForgetsTheTokensRevokesAndEndsTheProviderSession() throws Exception {
        var browser = ScriptedBrowser.signingIn();
        var events = new CopyOnWriteArrayList<SessionEvent>();
        try (var manager = new SignInManager(provider.settings(), store, browser)) {
            SignIns.signIn(manager);
            manager.addListener(events::add);
            String refreshToken = storedRefreshToken();
            browser.nextOpened();
            provider.takeRequests();

            manager.signOut();

            assertThat(manager.user()).isEmpty();
            assertThat(store.contents()).isEmpty();
            assertThat(events).containsExactly(new SessionEvent.SignedOut(true, "You signed out of Airlock."));
            assertThatThrownBy(manager::accessToken).isInstanceOf(NotSignedInException.class);

            URI endSession = browser.nextOpened();
            assertThat(endSession.toString()).startsWith(provider.issuer() + "/endsession?");
            Map<String, String> parameters = Addresses.query(endSession);
            assertThat(parameters).containsEntry("client_id", TestProvider.CLIENT_ID);
            var hint = SignedJWT.parse(parameters.get("id_token_hint")).getJWTClaimsSet();
            assertThat(hint.getSubject()).isEqualTo(TestProvider.SUBJECT);
            assertThat(hint.getAudience()).containsExactly(TestProvider.CLIENT_ID);

            var revocations = new ArrayList<Map<String, String>>();
            await().atMost(SignIns.WAIT).until(() -> {
                provider.takeRequests().stream()
                        .filter(r -> r.getRequestUrl().encodedPath().endsWith("/revoke"))
                        .map(r -> Addresses.parameters(r.getUtf8Body()))
                        .forEach(revocations::add);
                return !revocations.isEmpty();
            });
            assertThat(revocations.getFirst()).containsEntry("token", refreshToken);
        }
    }

    @Test
    void signingOutWhenNotSignedInOpensNothing() {
        var browser = ScriptedBrowser.signingIn();
        try (var manager = new SignInManager(provider.settings(), store, browser)) {
            manager.signOut();
        }
        assertThat(browser.openedSoFar()).isEmpty();
    }
}
