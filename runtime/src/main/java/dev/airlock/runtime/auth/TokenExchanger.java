package dev.airlock.runtime.auth;

/**
 * Trades the user's access token for one meant for a single other service (RFC 8693 token
 * exchange), so that the SSO token itself never leaves for a service the company does not run.
 */
public interface TokenExchanger {

    /**
     * @param subjectToken the user's current access token
     * @param audience the service the new token is for, as the sign-in service knows it
     * @param scope space-separated scopes to ask for; null for the service's default
     * @throws SignInException when the sign-in service cannot be reached or refuses; the message is
     *     for people and names no token
     */
    ExchangedToken exchange(String subjectToken, String audience, String scope) throws SignInException;
}
