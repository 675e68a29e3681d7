package dev.airlock.runtime.auth;

import static dev.airlock.runtime.auth.SignInException.Reason.CANCELLED;
import static dev.airlock.runtime.auth.SignInException.Reason.DENIED;
import static dev.airlock.runtime.auth.SignInException.Reason.LOCAL;
import static dev.airlock.runtime.auth.SignInException.Reason.PROVIDER_ERROR;
import static dev.airlock.runtime.auth.SignInException.Reason.TIMED_OUT;
import static dev.airlock.runtime.auth.SignInException.Reason.UNTRUSTED;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive part of signing in, as a native app should (RFC 8252): a fresh state, nonce and
 * PKCE verifier; the system browser; a one-shot loopback listener; the state checked before anything
 * else is believed; the code redeemed with the verifier; the ID token validated.
 */
final class SignInFlow {

    private static final Logger LOG = LoggerFactory.getLogger(SignInFlow.class);

    /** The provider, discovered on first use. */
    @FunctionalInterface
    interface ProviderSource {
        OidcProvider get() throws SignInException;
    }

    private final OidcSettings settings;
    private final ProviderSource providers;
    private final Browser browser;
    private final Consumer<SignInProgress> progress;

    SignInFlow(OidcSettings settings, ProviderSource providers, Browser browser, Consumer<SignInProgress> progress) {
        this.settings = settings;
        this.providers = providers;
        this.browser = browser;
        this.progress = progress;
    }

    /** Runs until the provider's answer is redeemed and validated, the timeout passes, or the attempt ends. */
    TokenGrant run(SignInAttempt attempt) throws SignInException {
        OidcProvider provider = providers.get();
        LoopbackReceiver receiver;
        try {
            receiver = LoopbackReceiver.start();
        } catch (IOException e) {
            LOG.error("The sign-in listener could not start", e);
            throw new SignInException(
                    LOCAL,
                    "Airlock could not get ready to receive your sign-in on this computer. Restart Airlock, then try again.",
                    e);
        }
        // cancelling closes the listener, which wakes the wait below
        attempt.onEnd(receiver::close);
        try (receiver) {
            var state = new State();
            var nonce = new Nonce();
            var verifier = new CodeVerifier();
            URI address = provider.authorizationAddress(receiver.redirectUri(), state, nonce, verifier);
            if (attempt.isDone()) {
                throw cancelled();
            }
            openBrowser(address);
            URI answer = await(receiver);
            try {
                AuthorizationCode code = authorizationCode(answer, state, provider);
                TokenGrant grant = provider.redeem(code, receiver.redirectUri(), verifier, nonce);
                receiver.answer(CallbackPage.signedIn());
                return grant;
            } catch (SignInException e) {
                receiver.answer(CallbackPage.failed(e.getMessage()));
                throw e;
            }
        }
    }

    private void openBrowser(URI address) {
        SignInProgress step;
        try {
            browser.open(address);
            LOG.info("Opened the browser for sign-in at {}", settings.issuer().getHost());
            step = new SignInProgress.BrowserOpened(address);
        } catch (BrowserException e) {
            LOG.warn("Could not open the browser for sign-in: {}", e.getMessage());
            step = new SignInProgress.OpenAddressYourself(
                    "Airlock could not open your web browser. Open this address yourself: " + address, address);
        }
        try {
            progress.accept(step);
        } catch (RuntimeException e) {
            LOG.warn("A sign-in progress listener failed", e);
        }
    }

    private URI await(LoopbackReceiver receiver) throws SignInException {
        Duration timeout = settings.signInTimeout();
        try {
            return receiver.callback().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("Sign-in timed out after {}", timeout);
            throw new SignInException(
                    TIMED_OUT,
                    "Sign-in timed out: Airlock waited %s for you to sign in in your browser. Start the sign-in again when you are ready."
                            .formatted(words(timeout)));
        } catch (CancellationException | ExecutionException e) {
            throw cancelled();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
    }

    /** Believes the answer only once its state is ours: an answer with another state is forged or stale. */
    private AuthorizationCode authorizationCode(URI answer, State state, OidcProvider provider) throws SignInException {
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(answer);
        } catch (ParseException e) {
            LOG.warn("The sign-in answer in the browser is malformed: {}", e.getMessage());
            throw new SignInException(
                    PROVIDER_ERROR,
                    "The answer your browser brought back from the sign-in service was incomplete. Start the sign-in again from Airlock.");
        }
        if (!state.equals(response.getState())) {
            LOG.warn("Refused a sign-in answer whose state does not match the request");
            throw new SignInException(
                    UNTRUSTED,
                    "Airlock refused this sign-in because the answer in your browser did not belong to the sign-in Airlock started (it may have been forged). Start the sign-in again from Airlock.");
        }
        // RFC 9207: an answer that names an issuer must name ours, or it is a mix-up with another provider
        if ((response.getIssuer() != null && !response.getIssuer().equals(provider.issuer()))
                || (response.getIssuer() == null && provider.namesItselfInAnswers())) {
            LOG.warn("Refused a sign-in answer from issuer {}", response.getIssuer());
            throw new SignInException(
                    UNTRUSTED,
                    "Airlock refused this sign-in because the answer came from another sign-in service. Start the sign-in again from Airlock.");
        }
        return switch (response) {
            case AuthenticationErrorResponse error -> throw denied(error.getErrorObject());
            case AuthenticationSuccessResponse success
            when success.getAuthorizationCode() != null -> success.getAuthorizationCode();
            default -> {
                LOG.warn("The sign-in answer holds no authorization code");
                throw new SignInException(
                        PROVIDER_ERROR,
                        "The answer your browser brought back from the sign-in service was incomplete. Start the sign-in again from Airlock.");
            }
        };
    }

    private static SignInException denied(ErrorObject error) {
        String code = error.getCode() == null ? "" : error.getCode();
        LOG.warn("The sign-in service answered with error {} ({})", code, error.getDescription());
        return switch (code) {
            case "access_denied" ->
                new SignInException(
                        DENIED,
                        "Sign-in was declined: your company's sign-in service did not grant Airlock access. If you should have access, ask your IT team.");
            case "login_required", "interaction_required", "consent_required", "account_selection_required" ->
                new SignInException(
                        DENIED,
                        "Your sign-in service needs you to finish signing in (or to approve Airlock) in the browser. Start the sign-in again and complete every step.");
            case "server_error", "temporarily_unavailable" ->
                new SignInException(
                        PROVIDER_ERROR,
                        "Your company's sign-in service had a temporary problem. Wait a moment, then try again.");
            default ->
                new SignInException(
                        PROVIDER_ERROR,
                        "Your company's sign-in service does not accept Airlock's sign-in request (%s). Tell your IT team."
                                .formatted(code.isEmpty() ? "no reason given" : code));
        };
    }

    private static SignInException cancelled() {
        return new SignInException(CANCELLED, "Sign-in was cancelled.");
    }

    private static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 60 && seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
