package dev.airlock.runtime.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.airlock.runtime.secrets.SecretStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is signed in, and their tokens. Signs in through the browser, restores a saved sign-in at
 * start, renews the access token silently, and signs out.
 *
 * <p>Access and ID tokens live in memory only; the refresh token alone is saved, in the
 * {@link SecretStore} (the OS keychain). When that store is not persistent the sign-in lasts for this
 * run; nothing is ever written to a file. The access token is renewed when less than a minute of it
 * is left, or after a service refused it; one renewal runs at a time and the others wait for it. A
 * rotated refresh token replaces the stored one at once and the old one is never sent again.
 */
public final class SignInManager implements AccessTokenSource, TokenExchanger, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignInManager.class);
    /**
     * Renew when less than this is left, so a token never expires on its way to a service; for
     * tokens that live less than twice as long, renew after half their life instead.
     */
    static final Duration RENEW_MARGIN = Duration.ofSeconds(60);

    private static final String NOT_SIGNED_IN = "You are not signed in to Airlock. Sign in, then try again.";
    private static final String SESSION_ENDED =
            "Your sign-in has expired or was withdrawn by your company's sign-in service. Sign in to Airlock again.";

    private final OidcSettings settings;
    private final StoredRefreshToken storedToken;
    private final Browser browser;
    private final Clock clock;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    // guards session changes and renewals: only one renewal talks to the provider at a time.
    // Readers take the session without the lock; rejected() marks it with a compare-and-set
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicReference<Session> session = new AtomicReference<>();

    private final ReentrantLock discoveryLock = new ReentrantLock();
    private volatile OidcProvider provider;

    private final Object attemptGuard = new Object();
    private SignInAttempt attempt;

    public SignInManager(OidcSettings settings, SecretStore secrets, Browser browser, Clock clock) {
        this.settings = settings;
        this.storedToken = new StoredRefreshToken(secrets, settings);
        this.browser = browser;
        this.clock = clock;
    }

    public SignInManager(OidcSettings settings, SecretStore secrets, Browser browser) {
        this(settings, secrets, browser, Clock.systemUTC());
    }

    public OidcSettings settings() {
        return settings;
    }

    /** The signed-in user, if any. */
    public Optional<SignedInUser> user() {
        return Optional.ofNullable(session.get()).map(Session::user);
    }

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    /** Starts an interactive sign-in in the browser; see {@link #signIn(Consumer)}. */
    public SignInAttempt signIn() {
        return signIn(step -> {});
    }

    /**
     * Starts an interactive sign-in in the system browser and returns at once. A sign-in still running
     * is cancelled: the newest one wins. {@code progress} hears when the browser opened, or that the
     * user must open the address themselves.
     */
    public SignInAttempt signIn(Consumer<SignInProgress> progress) {
        var next = new SignInAttempt();
        SignInAttempt previous;
        synchronized (attemptGuard) {
            previous = attempt;
            attempt = next;
        }
        if (previous != null) {
            previous.cancel();
        }
        var flow = new SignInFlow(settings, this::provider, browser, progress);
        Thread.ofVirtual().name("airlock-sign-in").start(() -> run(flow, next));
        return next;
    }

    private void run(SignInFlow flow, SignInAttempt current) {
        try {
            TokenGrant grant = flow.run(current);
            SignedInUser user = UserClaims.user(claims(grant), settings.roleClaims());
            // listeners hear of the sign-in before the caller's future completes
            if (!current.succeed(user, () -> publish(install(grant, user))) && grant.refreshToken() != null) {
                // cancelled while the code was being redeemed: the new tokens are not wanted
                revokeLater(provider(), grant.refreshToken());
            }
        } catch (SignInException e) {
            current.fail(e);
        } catch (RuntimeException e) {
            LOG.error("Sign-in failed", e);
            current.fail(new SignInException(
                    SignInException.Reason.LOCAL,
                    "Sign-in failed because of an error in Airlock. Try again; if it keeps happening, send Airlock's log to your IT team.",
                    e));
        }
    }

    private List<SessionEvent> install(TokenGrant grant, SignedInUser user) {
        lock.lock();
        try {
            session.set(newSession(grant, user, null));
            LOG.info("Signed in; roles: {}", user.roles());
            if (grant.refreshToken() != null) {
                storedToken.save(grant.refreshToken());
            } else {
                // a saved token from an earlier sign-in belongs to a session that is over
                storedToken.clear();
                LOG.info("The sign-in service issued no refresh token; the sign-in ends when the access token expires");
            }
            return List.of(new SessionEvent.SignedIn(user));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Signs in again with the saved refresh token, without the browser. Empty when nothing is saved,
     * or when the provider no longer accepts it (then it is removed and the user must sign in).
     *
     * @throws SignInException when the provider cannot be reached (the saved token is kept for a later
     *     try) or the keychain fails
     */
    public Optional<SignedInUser> restore() throws SignInException {
        var events = new ArrayList<SessionEvent>();
        lock.lock();
        try {
            Session current = session.get();
            if (current != null) {
                return Optional.of(current.user());
            }
            return restoreLocked(events).map(Session::user);
        } finally {
            lock.unlock();
            publish(events);
        }
    }

    private Optional<Session> restoreLocked(List<SessionEvent> events) throws SignInException {
        Optional<RefreshToken> saved = storedToken.read();
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        try {
            Session restored = renewLocked(saved.get(), null, events);
            LOG.info("Restored the saved sign-in; roles: {}", restored.user().roles());
            return Optional.of(restored);
        } catch (SignInException e) {
            if (e.endsSession()) {
                LOG.info("The saved sign-in is no longer accepted; the user must sign in again");
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String accessToken() throws NotSignedInException {
        Session current = session.get();
        if (current != null && current.fresh(clock.instant())) {
            return current.accessToken();
        }
        var events = new ArrayList<SessionEvent>();
        lock.lock();
        try {
            // another caller may have renewed while this one waited for the lock
            current = session.get();
            Instant now = clock.instant();
            if (current != null && current.fresh(now)) {
                return current.accessToken();
            }
            if (current == null) {
                return restoredAccessToken(events);
            }
            return renewedAccessToken(current, now, events);
        } finally {
            lock.unlock();
            publish(events);
        }
    }

    // a saved sign-in that could not be restored at start (offline, say) is tried again on use
    private String restoredAccessToken(List<SessionEvent> events) throws NotSignedInException {
        try {
            return restoreLocked(events)
                    .map(Session::accessToken)
                    .orElseThrow(() -> new NotSignedInException(NOT_SIGNED_IN));
        } catch (SignInException e) {
            throw new NotSignedInException(e.getMessage(), e);
        }
    }

    private String renewedAccessToken(Session current, Instant now, List<SessionEvent> events)
            throws NotSignedInException {
        if (current.refreshToken() == null) {
            if (!current.expired(now)) {
                return current.accessToken();
            }
            endSessionLocked(events);
            throw new NotSignedInException(SESSION_ENDED);
        }
        try {
            return renewLocked(current.refreshToken(), current, events).accessToken();
        } catch (SignInException e) {
            if (e.endsSession()) {
                throw new NotSignedInException(SESSION_ENDED, e);
            }
            if (!current.expired(now)) {
                // the provider is unreachable for now, but the token in hand still works
                LOG.warn("Renewing the sign-in failed; using the current access token until it expires");
                return current.accessToken();
            }
            throw new NotSignedInException(e.getMessage(), e);
        }
    }

    /**
     * Redeems the refresh token and installs the renewed session; ends the session when the provider
     * refuses the token or its answer cannot be trusted.
     */
    private Session renewLocked(RefreshToken refreshToken, Session current, List<SessionEvent> events)
            throws SignInException {
        TokenGrant grant;
        try {
            grant = provider()
                    .refresh(
                            refreshToken,
                            current == null ? null : current.user().subject());
        } catch (SignInException e) {
            if (e.endsSession()) {
                endSessionLocked(events);
            }
            throw e;
        }
        SignedInUser user;
        if (grant.claims() != null) {
            user = UserClaims.user(claims(grant), settings.roleClaims());
        } else if (current != null) {
            user = current.user();
        } else {
            // restoring needs an ID token to know who this is; without one the user signs in anew
            LOG.warn("The renewed sign-in carries no ID token; the user must sign in again");
            if (grant.refreshToken() != null) {
                revokeLater(provider(), grant.refreshToken());
            }
            endSessionLocked(events);
            throw new SignInException(SignInException.Reason.DENIED, NOT_SIGNED_IN);
        }
        Session renewed = newSession(grant, user, current);
        if (renewed.refreshToken() != null && !renewed.refreshToken().equals(refreshToken)) {
            // rotation: the old token is spent; keep only the new one
            storedToken.save(renewed.refreshToken());
        }
        session.set(renewed);
        if (current == null || !current.user().equals(user)) {
            events.add(new SessionEvent.SignedIn(user));
        }
        return renewed;
    }

    private static Map<String, Object> claims(TokenGrant grant) throws SignInException {
        try {
            return grant.claims().toJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new SignInException(
                    SignInException.Reason.UNTRUSTED, "Airlock could not read the sign-in it received.", e);
        }
    }

    private Session newSession(TokenGrant grant, SignedInUser user, Session previous) {
        Instant now = clock.instant();
        long lifetime = grant.lifetimeSeconds();
        Instant expiresAt = lifetime > 0 ? now.plusSeconds(lifetime) : null;
        Instant renewAt =
                lifetime > 0 ? now.plusSeconds(Math.max(lifetime - RENEW_MARGIN.toSeconds(), lifetime / 2)) : null;
        // a provider that does not rotate sends no new refresh token: the old one stays valid
        RefreshToken refreshToken =
                grant.refreshToken() != null ? grant.refreshToken() : previous == null ? null : previous.refreshToken();
        var idToken = grant.idToken() != null ? grant.idToken() : previous == null ? null : previous.idToken();
        return new Session(user, grant.accessToken().getValue(), renewAt, expiresAt, refreshToken, idToken, false);
    }

    private void endSessionLocked(List<SessionEvent> events) {
        boolean wasSignedIn = session.getAndSet(null) != null;
        storedToken.clear();
        if (wasSignedIn) {
            LOG.info("The sign-in service ended the session");
            events.add(new SessionEvent.SignedOut(false, SESSION_ENDED));
        }
    }

    @Override
    public void rejected(String accessToken) {
        Session current = session.get();
        // no lock: a caller reacting to a 401 must not wait for a renewal already under way; if one
        // replaces the session meanwhile, the compare-and-set fails and the new token stands
        if (current != null
                && current.accessToken().equals(accessToken)
                && !current.rejected()
                && session.compareAndSet(current, current.markRejected())) {
            LOG.info("A service refused the access token; it is renewed before its next use");
        }
    }

    /**
     * Signs out: forgets the tokens, removes the saved one and asks the provider to revoke it, and —
     * when the provider publishes an end-session endpoint — opens it in the browser so the provider's
     * own session ends too.
     */
    public void signOut() {
        cancelAttempt();
        Session ended;
        lock.lock();
        try {
            ended = session.getAndSet(null);
            storedToken.clear();
        } finally {
            lock.unlock();
        }
        if (ended == null) {
            return;
        }
        LOG.info("Signed out");
        publish(List.of(new SessionEvent.SignedOut(true, "You signed out of Airlock.")));
        OidcProvider known = provider;
        if (known == null) {
            return;
        }
        if (ended.refreshToken() != null) {
            revokeLater(known, ended.refreshToken());
        }
        Optional<URI> endSession = known.endSessionAddress(ended.idToken());
        if (endSession.isPresent()) {
            try {
                browser.open(endSession.get());
                LOG.info("Opened the browser to end the session at the sign-in service");
            } catch (BrowserException e) {
                LOG.warn("Could not open the browser to end the session at the sign-in service: {}", e.getMessage());
            }
        }
    }

    /** Stops a sign-in in progress; the session, if any, stays. */
    @Override
    public void close() {
        cancelAttempt();
    }

    private void cancelAttempt() {
        SignInAttempt running;
        synchronized (attemptGuard) {
            running = attempt;
            attempt = null;
        }
        if (running != null) {
            running.cancel();
        }
    }

    @Override
    public ExchangedToken exchange(String subjectToken, String audience, String scope) throws SignInException {
        return provider().exchange(subjectToken, audience, scope, clock.instant());
    }

    // revocation is a courtesy to the provider: it must not hold up signing out
    private static void revokeLater(OidcProvider known, RefreshToken spent) {
        Thread.ofVirtual().name("airlock-revoke").start(() -> known.revoke(spent));
    }

    private OidcProvider provider() throws SignInException {
        OidcProvider known = provider;
        if (known != null) {
            return known;
        }
        discoveryLock.lock();
        try {
            if (provider == null) {
                provider = OidcProvider.discover(settings);
            }
            return provider;
        } finally {
            discoveryLock.unlock();
        }
    }

    private void publish(List<SessionEvent> events) {
        for (SessionEvent event : events) {
            for (SessionListener listener : listeners) {
                try {
                    listener.sessionChanged(event);
                } catch (RuntimeException e) {
                    LOG.warn("A sign-in listener failed", e);
                }
            }
        }
    }
}
