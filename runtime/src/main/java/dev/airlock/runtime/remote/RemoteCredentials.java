package dev.airlock.runtime.remote;

import dev.airlock.runtime.auth.AccessTokenSource;
import dev.airlock.runtime.auth.ExchangedToken;
import dev.airlock.runtime.auth.NotSignedInException;
import dev.airlock.runtime.auth.SignInException;
import dev.airlock.runtime.auth.TokenExchanger;
import dev.airlock.runtime.catalog.ServerPolicy.Identity;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's identity, as each remote server's policy wants it presented. Only the user's
 * own tokens ever come from here: the AI app's gateway token never reaches this class, and there is
 * no shared credential to hand out.
 *
 * <p>Exchanged tokens are kept per audience and scope until shortly before they expire, so a busy
 * server does not cost a round trip to the sign-in service per call.
 */
public final class RemoteCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteCredentials.class);

    /** The reason a server that needs the user's identity gives while no one is signed in. */
    public static final String SIGN_IN = "Sign in to your company to use this server.";

    /** Exchange again when less than this is left of an exchanged token. */
    static final Duration RENEW_MARGIN = Duration.ofSeconds(60);

    private final AccessTokenSource tokens;
    private final TokenExchanger exchanger;
    private final Clock clock;
    private final Map<Identity.Exchange, ExchangedToken> exchanged = new ConcurrentHashMap<>();
    private final Object exchangeLock = new Object();

    /**
     * @param tokens the signed-in user's access tokens; null where there is no company sign-in
     *     (the demo organization)
     */
    public RemoteCredentials(AccessTokenSource tokens, TokenExchanger exchanger, Clock clock) {
        this.tokens = tokens;
        this.exchanger = exchanger;
        this.clock = clock;
    }

    /** No company sign-in: only public servers ({@code "token": "none"}) can be used. */
    public static RemoteCredentials signedOut() {
        return new RemoteCredentials(null, null, Clock.systemUTC());
    }

    /** The tokens one server gets. */
    public BearerTokens forServer(Identity identity) {
        return switch (identity) {
            case Identity.None none -> BearerTokens.NONE;
            case Identity.AccessToken accessToken ->
                new BearerTokens() {
                    @Override
                    public Optional<String> current() throws RemoteException {
                        return Optional.of(accessToken());
                    }

                    @Override
                    public void rejected(String token) {
                        tokens.rejected(token);
                    }
                };
            case Identity.Exchange exchange ->
                new BearerTokens() {
                    @Override
                    public Optional<String> current() throws RemoteException {
                        return Optional.of(exchanged(exchange));
                    }

                    @Override
                    public void rejected(String token) {
                        exchanged.computeIfPresent(
                                exchange, (key, held) -> held.value().equals(token) ? null : held);
                    }
                };
        };
    }

    private String accessToken() throws RemoteException {
        if (tokens == null) {
            throw new RemoteException(new RemoteFailure("no one is signed in", SIGN_IN));
        }
        try {
            return tokens.accessToken();
        } catch (NotSignedInException e) {
            LOG.info("A remote server needs the user's identity, but: {}", e.getMessage());
            throw new RemoteException(new RemoteFailure("no one is signed in", SIGN_IN), e);
        }
    }

    private String exchanged(Identity.Exchange exchange) throws RemoteException {
        String held = usable(exchange);
        if (held != null) {
            return held;
        }
        // one exchange at a time: requests that met the same refusal together wait for one new token
        synchronized (exchangeLock) {
            held = usable(exchange);
            return held != null ? held : exchange(exchange);
        }
    }

    /** The kept token for this audience and scope, unless it is about to expire; else null. */
    private String usable(Identity.Exchange exchange) {
        ExchangedToken held = exchanged.get(exchange);
        return held != null && clock.instant().plus(RENEW_MARGIN).isBefore(held.expiresAt()) ? held.value() : null;
    }

    private String exchange(Identity.Exchange exchange) throws RemoteException {
        String subject = accessToken();
        if (exchanger == null) {
            throw new RemoteException(new RemoteFailure("no one is signed in", SIGN_IN));
        }
        try {
            ExchangedToken fresh = exchanger.exchange(subject, exchange.audience(), exchange.scope());
            exchanged.put(exchange, fresh);
            return fresh.value();
        } catch (SignInException e) {
            throw new RemoteException(
                    new RemoteFailure(
                            "your company's sign-in service gave no token for it",
                            "Airlock could not get a sign-in for this server from your company's sign-in service. "
                                    + e.getMessage()),
                    e);
        }
    }
}
