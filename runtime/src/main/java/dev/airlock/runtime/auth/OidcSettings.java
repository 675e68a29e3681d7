package dev.airlock.runtime.auth;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Airlock signs in to the company's OpenID Connect provider; the admin sets these through
 * managed settings ({@code oidcIssuer}, {@code oidcClientId}, {@code oidcScopes}).
 *
 * @param issuer the provider's issuer; its {@code /.well-known/openid-configuration} describes the rest
 * @param clientId Airlock's client id at the provider (a public client: no secret)
 * @param scopes the scopes asked for; {@code openid} is always among them
 * @param roleClaims the ID-token claims whose values are the user's roles; a dotted name such as
 *     {@code realm_access.roles} reaches into a nested claim
 * @param signInTimeout how long to wait for the browser to come back before giving up
 */
public record OidcSettings(
        URI issuer, String clientId, List<String> scopes, List<String> roleClaims, Duration signInTimeout) {

    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "offline_access");
    public static final List<String> DEFAULT_ROLE_CLAIMS = List.of("groups", "roles");
    public static final Duration DEFAULT_SIGN_IN_TIMEOUT = Duration.ofMinutes(5);
    // an address literal only: 127.0.0.1.example.com is somebody else's host
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        if (!issuer.isAbsolute()
                || issuer.getHost() == null
                || issuer.getQuery() != null
                || issuer.getFragment() != null) {
            throw new IllegalArgumentException(
                    "The sign-in address (issuer) must be a full address such as https://login.example.com, not '%s'. Ask your IT team to correct Airlock's sign-in settings."
                            .formatted(issuer));
        }
        if (!secureOrLoopback(issuer)) {
            throw new IllegalArgumentException(
                    "The sign-in address (issuer) must start with https:// ('%s' does not). Ask your IT team to correct Airlock's sign-in settings."
                            .formatted(issuer));
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException(
                    "Airlock's client id for sign-in is missing. Ask your IT team to set it in Airlock's sign-in settings.");
        }
        scopes = withOpenId(scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : scopes);
        roleClaims = roleClaims == null ? DEFAULT_ROLE_CLAIMS : List.copyOf(roleClaims);
        signInTimeout = signInTimeout == null ? DEFAULT_SIGN_IN_TIMEOUT : signInTimeout;
        if (signInTimeout.isNegative() || signInTimeout.isZero()) {
            throw new IllegalArgumentException("The sign-in timeout must be positive, not " + signInTimeout);
        }
    }

    /** The provider and client id, with the default scopes, role claims and timeout. */
    public static OidcSettings of(URI issuer, String clientId) {
        return new OidcSettings(issuer, clientId, null, null, null);
    }

    public OidcSettings withSignInTimeout(Duration timeout) {
        return new OidcSettings(issuer, clientId, scopes, roleClaims, timeout);
    }

    public OidcSettings withRoleClaims(List<String> claims) {
        return new OidcSettings(issuer, clientId, scopes, claims, signInTimeout);
    }

    /**
     * Whether an address is safe to send tokens to: https anywhere, plain http only to this computer
     * (where no network can read it; tests and local identity providers use that).
     */
    static boolean secureOrLoopback(URI address) {
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        String host = address.getHost() == null ? "" : address.getHost().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "https" -> !host.isEmpty();
            case "http" ->
                host.equals("localhost") || LOOPBACK_IPV4.matcher(host).matches() || host.equals("[::1]");
            default -> false;
        };
    }

    // without openid the provider would answer as plain OAuth, with no ID token to validate
    private static List<String> withOpenId(List<String> scopes) {
        var all = new ArrayList<String>();
        all.add("openid");
        scopes.stream()
                .filter(s -> s != null && !s.isBlank() && !s.equals("openid"))
                .forEach(all::add);
        return List.copyOf(all);
    }
}
