package dev.airlock.runtime.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.time.Instant;

/**
 * The signed-in state, in memory only.
 *
 * @param renewAt from when the access token is renewed before use; null when the provider did not
 *     say how long it lives (then it is renewed only after a service refuses it)
 * @param expiresAt when the access token expires; null when unknown
 * @param refreshToken null when the provider issued none: the session ends with the access token
 * @param idToken the latest ID token, kept as the hint for ending the provider's session
 * @param rejected a service refused the access token: renew before handing it out again
 */
record Session(
        SignedInUser user,
        String accessToken,
        Instant renewAt,
        Instant expiresAt,
        RefreshToken refreshToken,
        JWT idToken,
        boolean rejected) {

    /** Whether the access token may be handed out as it is: not refused, and not about to expire. */
    boolean fresh(Instant now) {
        return !rejected && (renewAt == null || now.isBefore(renewAt));
    }

    /** Whether the access token can no longer be used at all. */
    boolean expired(Instant now) {
        return rejected || (expiresAt != null && !now.isBefore(expiresAt));
    }

    Session markRejected() {
        return new Session(user, accessToken, renewAt, expiresAt, refreshToken, idToken, true);
    }

    // a record prints its components; these are credentials and must never reach a log
    @Override
    public String toString() {
        return "Session[user=%s, renewAt=%s, expiresAt=%s, rejected=%s]"
                .formatted(user.subject(), renewAt, expiresAt, rejected);
    }
}
