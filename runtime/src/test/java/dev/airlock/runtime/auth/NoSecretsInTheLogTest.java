package dev.airlock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Airlock's log says what happened with the sign-in, never with which token, code or verifier. */
class NoSecretsInTheLogTest {

    private final Logger airlockLog = (Logger) LoggerFactory.getLogger("dev.airlock");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void captureEverythingAirlockLogs() {
        levelBefore = airlockLog.getLevel();
        airlockLog.setLevel(Level.DEBUG);
        captured.start();
        airlockLog.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        airlockLog.detachAppender(captured);
        airlockLog.setLevel(levelBefore);
    }

    @Test
    void signInRenewalAndSignOutLogNoSecrets() throws Exception {
        var secrets = new ArrayList<String>();
        var store = new InMemorySecretStore();
        var browser = ScriptedBrowser.signingIn();
        try (var provider = TestProvider.start();
                var manager = new SignInManager(provider.settings(), store, browser)) {
            SignIns.signIn(manager);
            secrets.add(Addresses.query(browser.providerRedirect()).get("code"));
            secrets.add(TestProvider.tokenRequests(provider.takeRequests())
                    .getFirst()
                    .get("code_verifier"));
            secrets.add(store.contents().values().iterator().next());
            String first = manager.accessToken();
            secrets.add(first);
            manager.rejected(first);
            secrets.add(manager.accessToken());
            secrets.add(store.contents().values().iterator().next());
            browser.nextOpened();

            manager.signOut();
            secrets.add(Addresses.query(browser.nextOpened()).get("id_token_hint"));
            await().atMost(SignIns.WAIT).until(() -> logText().contains("revoked the refresh token"));
        }

        String log = logText();
        assertThat(log).contains("Signed in", "Renewed the sign-in", "Signed out");
        assertThat(secrets)
                .doesNotContainNull()
                .allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(20));
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    private String logText() {
        List<ILoggingEvent> events = List.copyOf(captured.list);
        return events.stream()
                .map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }
}
