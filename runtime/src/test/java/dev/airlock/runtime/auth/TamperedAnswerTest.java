package dev.airlock.runtime.auth;

import static dev.airlock.runtime.auth.SignIns.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import dev.airlock.runtime.auth.SignInException.Reason;
import dev.airlock.runtime.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Answers altered between Airlock and the provider are refused. */
class TamperedAnswerTest {

    private static TestProvider provider;

    @BeforeAll
    static void startProvider() {
        provider = TestProvider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void signsInThroughTheProxyWhenNothingIsAltered() throws Exception {
        // the control case: the proxy alone does not break the sign-in
        try (var proxy = new InterceptingProxy(provider.port(), true);
                var manager = new SignInManager(
                        OidcSettings.of(proxy.issuer(), TestProvider.CLIENT_ID),
                        new InMemorySecretStore(),
                        ScriptedBrowser.signingIn())) {
            assertThat(SignIns.signIn(manager).subject()).isEqualTo(TestProvider.SUBJECT);
        }
    }

    @Test
    void refusesAnIdTokenWhoseSignatureWasAltered() throws Exception {
        var store = new InMemorySecretStore();
        var browser = ScriptedBrowser.signingIn();
        try (var proxy = new InterceptingProxy(provider.port(), true);
                var manager =
                        new SignInManager(OidcSettings.of(proxy.issuer(), TestProvider.CLIENT_ID), store, browser)) {
            proxy.alterTokenAnswers(TamperedAnswerTest::flipIdTokenSignatureBit);

            SignInException failure = failureOf(manager.signIn());

            assertThat(failure.reason()).isEqualTo(Reason.UNTRUSTED);
            assertThat(failure.getMessage())
                    .isEqualTo(
                            "Airlock refused the answer from your sign-in service because it could not be verified. Try again; if it keeps happening, tell your IT team.");
            assertThat(browser.tab().body()).contains("could not be verified");
            assertThat(manager.user()).isEmpty();
        }
        assertThat(store.contents()).isEmpty();
    }

    @Test
    void refusesMetadataThatNamesAnotherIssuer() throws Exception {
        // without the forwarded port the provider describes itself under its own address, not the proxy's
        var browser = ScriptedBrowser.signingIn();
        try (var proxy = new InterceptingProxy(provider.port(), false);
                var manager = new SignInManager(
                        OidcSettings.of(proxy.issuer(), TestProvider.CLIENT_ID), new InMemorySecretStore(), browser)) {
            SignInException failure = failureOf(manager.signIn());

            assertThat(failure.reason()).isEqualTo(Reason.PROVIDER_ERROR);
            assertThat(failure.getMessage())
                    .isEqualTo(
                            "Your company's sign-in service (127.0.0.1) is not set up the way Airlock needs. Tell your IT team; the details are in Airlock's log.");
        }
        assertThat(browser.openedSoFar())
                .as("no browser is sent to an unverified provider")
                .isEmpty();
    }

    private static String flipIdTokenSignatureBit(String tokenAnswer) {
        var answer = (ObjectNode) Json.mapper().readTree(tokenAnswer);
        String[] parts = answer.get("id_token").asString().split("\\.");
        byte[] signature = new Base64URL(parts[2]).decode();
        signature[signature.length / 2] ^= 0x01;
        answer.put("id_token", parts[0] + "." + parts[1] + "." + Base64URL.encode(signature));
        return Json.mapper().writeValueAsString(answer);
    }
}
