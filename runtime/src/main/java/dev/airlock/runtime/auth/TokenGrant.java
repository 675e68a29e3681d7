package dev.airlock.runtime.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;

/**
 * What the token endpoint granted, after validation.
 *
 * @param refreshToken null when the provider issued none (or did not rotate it, on refresh)
 * @param idToken null when a refresh answer carried none
 * @param claims the validated claims of {@code idToken}; null with it
 */
record TokenGrant(AccessToken accessToken, RefreshToken refreshToken, JWT idToken, IDTokenClaimsSet claims) {

    /** Seconds the access token lives, from {@code expires_in}; 0 when the provider did not say. */
    long lifetimeSeconds() {
        return accessToken.getLifetime();
    }

    // a record prints its components; these are credentials and must never reach a log
    @Override
    public String toString() {
        return "TokenGrant[refresh token: %s, ID token: %s]"
                .formatted(refreshToken != null ? "yes" : "no", idToken != null ? "yes" : "no");
    }
}
