package dev.airlock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Silent renewal of the access token: before expiry, after a refusal, with refresh-token rotation. */
class SessionRenewalTest {

    private static TestProvider provider;

    private final InMemorySecretStore store = new InMemorySecretStore();
    private final MutableClock clock = MutableClock.startingNow();

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

    private SignInManager signedIn() throws Exception {
        var manager = new SignInManager(provider.settings(), store, ScriptedBrowser.signingIn(), clock);
        SignIns.signIn(manager);
        provider.takeRequests();
        return manager;
    }

    private String storedRefreshToken() {
        return store.contents().get(StoredRefreshToken.keyFor(provider.settings()));
    }

    @Test
    void handsOutTheSameTokenWhileMoreThanAMinuteIsLeft() throws Exception {
        try (var manager = signedIn()) {
            String first = manager.accessToken();
            clock.advance(Duration.ofSeconds(TestProvider.TOKEN_SECONDS - 120));

            assertThat(manager.accessToken()).isEqualTo(first);
            assertThat(provider.takeTokenRequests()).isEmpty();
        }
    }

    @Test
    void renewsWhenLessThanAMinuteIsLeft() throws Exception {
        try (var manager = signedIn()) {
            String first = manager.accessToken();
            String firstRefreshToken = storedRefreshToken();
            clock.advance(Duration.ofSeconds(TestProvider.TOKEN_SECONDS - 45));

            String renewed = manager.accessToken();

            assertThat(renewed).isNotEqualTo(first);
            List<Map<String, String>> tokenRequests = provider.takeTokenRequests();
            assertThat(tokenRequests).hasSize(1);
            assertThat(tokenRequests.getFirst())
                    .containsEntry("grant_type", "refresh_token")
                    .containsEntry("refresh_token", firstRefreshToken)
                    .containsEntry("client_id", TestProvider.CLIENT_ID);
            assertThat(manager.accessToken()).as("the renewed token is kept").isEqualTo(renewed);
            assertThat(provider.takeTokenRequests()).isEmpty();
            assertThat(manager.user().orElseThrow().roles()).contains("engineering");
        }
    }

    @Test
    void renewsShortLivedTokensAfterHalfTheirLife() throws Exception {
        provider.nextTokensFrom(new DefaultOAuth2TokenCallback(
                TestProvider.ISSUER_ID, TestProvider.SUBJECT, "JWT", List.of("airlock-registry"), Map.of(), 40));
        try (var manager = signedIn()) {
            String first = manager.accessToken();

            clock.advance(Duration.ofSeconds(15));
            assertThat(manager.accessToken()).as("not renewed on every call").isEqualTo(first);
            assertThat(provider.takeTokenRequests()).isEmpty();

            clock.advance(Duration.ofSeconds(10));
            assertThat(manager.accessToken()).isNotEqualTo(first);
            assertThat(provider.takeTokenRequests()).hasSize(1);
        }
    }

    @Test
    void renewsAnExpiredToken() throws Exception {
        try (var manager = signedIn()) {
            String first = manager.accessToken();
            clock.advance(Duration.ofHours(2));

            assertThat(manager.accessToken()).isNotEqualTo(first);
            assertThat(provider.takeTokenRequests()).hasSize(1);
        }
    }

    @Test
    void renewsATokenAServiceRefused() throws Exception {
        try (var manager = signedIn()) {
            String first = manager.accessToken();
            manager.rejected("some-other-token");
            assertThat(manager.accessToken())
                    .as("only the refused token counts")
                    .isEqualTo(first);

            manager.rejected(first);
            String renewed = manager.accessToken();

            assertThat(renewed).isNotEqualTo(first);
            assertThat(provider.takeTokenRequests())
                    .singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("grant_type", "refresh_token"));
        }
    }

    @Test
    void keepsOnlyTheNewestRotatedRefreshTokenAndNeverSendsAnOldOne() throws Exception {
        try (var manager = signedIn()) {
            var issued = new ArrayList<String>();
            issued.add(storedRefreshToken());
            for (int i = 0; i < 3; i++) {
                manager.rejected(manager.accessToken());
                manager.accessToken();
                issued.add(storedRefreshToken());
            }

            List<String> sent = provider.takeTokenRequests().stream()
                    .map(r -> r.get("refresh_token"))
                    .toList();
            assertThat(new HashSet<>(issued))
                    .as("the provider rotated every time")
                    .hasSize(4);
            assertThat(sent).as("each token is sent once, in order").containsExactlyElementsOf(issued.subList(0, 3));
            assertThat(store.contents()).containsOnlyKeys(StoredRefreshToken.keyFor(provider.settings()));
            assertThat(storedRefreshToken()).isEqualTo(issued.getLast()).isNotIn(sent);
        }
    }

    @Test
    void concurrentCallersShareOneRenewal() throws Exception {
        try (var manager = signedIn();
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String first = manager.accessToken();
            clock.advance(Duration.ofHours(2));
            var start = new CountDownLatch(1);
            var calls = new ArrayList<Future<String>>();
            for (int i = 0; i < 16; i++) {
                calls.add(threads.submit((Callable<String>) () -> {
                    start.await();
                    return manager.accessToken();
                }));
            }

            start.countDown();
            var tokens = new HashSet<String>();
            for (Future<String> call : calls) {
                tokens.add(call.get(SignIns.WAIT.toSeconds(), TimeUnit.SECONDS));
            }

            assertThat(tokens).hasSize(1).doesNotContain(first);
            assertThat(provider.takeTokenRequests()).hasSize(1);
        }
    }

    @Test
    void aRefusedRefreshTokenEndsTheSession() throws Exception {
        try (var manager = signedIn()) {
            var events = new CopyOnWriteArrayList<SessionEvent>();
            manager.addListener(events::add);
            // another Airlock renews with a copy of the token: rotation makes this one's copy worthless
            var elsewhere = new InMemorySecretStore();
            elsewhere.put(StoredRefreshToken.keyFor(provider.settings()), storedRefreshToken());
            try (var other = new SignInManager(provider.settings(), elsewhere, ScriptedBrowser.ignoring())) {
                assertThat(other.restore()).isPresent();
            }
            manager.rejected(manager.accessToken());

            assertThatThrownBy(manager::accessToken)
                    .isInstanceOf(NotSignedInException.class)
                    .hasMessage(
                            "Your sign-in has expired or was withdrawn by your company's sign-in service. Sign in to Airlock again.");
            assertThat(manager.user()).isEmpty();
            assertThat(store.contents()).isEmpty();
            assertThat(events)
                    .containsExactly(
                            new SessionEvent.SignedOut(
                                    false,
                                    "Your sign-in has expired or was withdrawn by your company's sign-in service. Sign in to Airlock again."));
            assertThatThrownBy(manager::accessToken)
                    .isInstanceOf(NotSignedInException.class)
                    .hasMessage("You are not signed in to Airlock. Sign in, then try again.");
        }
    }

    @Test
    void keepsUsingAValidTokenWhileTheProviderIsUnreachable() throws Exception {
        // a provider of its own, to take it away mid-session
        var leaving = TestProvider.start();
        var leavingStore = new InMemorySecretStore();
        try (var manager = new SignInManager(leaving.settings(), leavingStore, ScriptedBrowser.signingIn(), clock)) {
            SignIns.signIn(manager);
            String first = manager.accessToken();
            leaving.close();

            clock.advance(Duration.ofSeconds(TestProvider.TOKEN_SECONDS - 45));
            assertThat(manager.accessToken()).as("still valid for a while").isEqualTo(first);

            clock.advance(Duration.ofMinutes(2));
            assertThatThrownBy(manager::accessToken)
                    .isInstanceOf(NotSignedInException.class)
                    .hasMessage(
                            "Airlock could not reach your company's sign-in service (127.0.0.1). Check your network connection (and VPN, if you use one), then try again.");
            assertThat(manager.user())
                    .as("the session survives a network outage")
                    .isPresent();
            assertThat(leavingStore.contents()).hasSize(1);
        } finally {
            leaving.close();
        }
    }
}
