package dev.airlock.runtime.auth;

import java.time.Instant;

/**
 * An access token from a token exchange, and when it stops being valid.
 *
 * @param expiresAt when the sign-in service said it expires; a guess when it did not say
 */
public record ExchangedToken(String value, Instant expiresAt) {

    /** Never the token itself: records end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "ExchangedToken[expiresAt=" + expiresAt + "]";
    }
}
