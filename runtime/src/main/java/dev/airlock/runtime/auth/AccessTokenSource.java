package dev.airlock.runtime.auth;

/**
 * Hands out the signed-in user's current access token, refreshing it silently when it is about to
 * expire. What the registry client and (later) remote servers call before each request.
 */
public interface AccessTokenSource {

    /**
     * A valid access token.
     *
     * @throws NotSignedInException when no one is signed in, or the session can no longer be refreshed
     */
    String accessToken() throws NotSignedInException;

    /**
     * Reports that a service refused this token (HTTP 401): the next {@link #accessToken()} refreshes
     * it instead of handing it out again.
     */
    void rejected(String accessToken);
}
