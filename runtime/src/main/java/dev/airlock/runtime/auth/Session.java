package dev.airlock.runtime.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.time.Duration;
import java.time.Instant;

/**
 * The signed-in state, in memory only.
 *
 * @param expiresAt when the access token expires; null when the provider did not say (then it is
 *     renewed only after a service refuses it)
 * @param refreshToken null when the provider issued none: the session ends with the access token
 * @param idToken the latest ID token, kept as the hint for ending the provider's session
 * @param rejected a service refused the access token: renew before handing it out again
 */
record Session(
        SignedInUser user,
        String accessToken,
        Instant expiresAt,
        RefreshToken refreshToken,
        JWT idToken,
        boolean rejected) {

    /** Whether the access token may be handed out as it is: not refused, and not about to expire. */
    boolean fresh(Instant now, Duration margin) {
        return !rejected && (expiresAt == null || now.isBefore(expiresAt.minus(margin)));
    }

    /** Whether the access token can no longer be used at all. */
    boolean expired(Instant now) {
        return rejected || (expiresAt != null && !now.isBefore(expiresAt));
    }

    Session markRejected() {
        return new Session(user, accessToken, expiresAt, refreshToken, idToken, true);
    }

    // a record prints its components; these are credentials and must never reach a log
    @Override
    public String toString() {
        return "Session[user=%s, expiresAt=%s, rejected=%s]".formatted(user.subject(), expiresAt, rejected);
    }
}
