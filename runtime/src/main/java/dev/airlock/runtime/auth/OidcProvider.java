package dev.airlock.runtime.auth;

import static dev.airlock.runtime.auth.SignInException.Reason.DENIED;
import static dev.airlock.runtime.auth.SignInException.Reason.PROVIDER_ERROR;
import static dev.airlock.runtime.auth.SignInException.Reason.UNREACHABLE;
import static dev.airlock.runtime.auth.SignInException.Reason.UNTRUSTED;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenID provider as discovered from its issuer: builds the authorization request, talks to the
 * token endpoint and validates ID tokens. Log lines name what happened, never a token or code.
 */
final class OidcProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int READ_TIMEOUT_MS = 20_000;
    // ID tokens are checked against this computer's clock with little slack: a token from the
    // future or one just expired is refused
    static final int MAX_CLOCK_SKEW_SECONDS = 30;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;
    private static final long EXCHANGED_LIFETIME_UNKNOWN_SECONDS = 300;

    private final OidcSettings settings;
    private final OIDCProviderMetadata metadata;
    private final ClientID clientId;
    private final IDTokenValidator validator;

    private OidcProvider(OidcSettings settings, OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys) {
        this.settings = settings;
        this.metadata = metadata;
        this.clientId = new ClientID(settings.clientId());
        this.validator = new IDTokenValidator(
                metadata.getIssuer(),
                clientId,
                new JWSVerificationKeySelector<>(signatureAlgorithms(metadata), keys),
                null);
        validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    }

    /** Reads {@code /.well-known/openid-configuration} under the issuer and checks it. */
    static OidcProvider discover(OidcSettings settings) throws SignInException {
        var issuer = new Issuer(settings.issuer());
        URL address;
        try {
            address = OIDCProviderMetadata.resolveURL(issuer);
        } catch (GeneralException e) {
            LOG.warn("No discovery address for issuer {}: {}", settings.issuer(), e.getMessage());
            throw misconfigured(settings, e);
        }
        HTTPResponse response;
        try {
            var request = new HTTPRequest(HTTPRequest.Method.GET, address);
            request.setAccept("application/json");
            response = send(request, true);
        } catch (IOException e) {
            LOG.warn("OpenID Connect discovery for {} failed: {}", settings.issuer(), e.toString());
            throw new SignInException(
                    UNREACHABLE,
                    "Airlock could not reach your company's sign-in service (%s). Check your network connection (and VPN, if you use one), then try again."
                            .formatted(settings.issuer().getHost()),
                    e);
        }
        if (response.getStatusCode() != 200) {
            LOG.warn("OpenID Connect discovery for {} answered HTTP {}", settings.issuer(), response.getStatusCode());
            throw misconfigured(settings, null);
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(response.getBodyAsJSONObject());
        } catch (ParseException e) {
            LOG.warn("The OpenID Connect metadata of {} is invalid: {}", settings.issuer(), e.getMessage());
            throw misconfigured(settings, e);
        }
        check(settings, metadata);
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(
                            metadata.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, JWKS_SIZE_LIMIT))
                    .build();
            return new OidcProvider(settings, metadata, keys);
        } catch (MalformedURLException | IllegalArgumentException e) {
            LOG.warn("The key set address of {} is unusable: {}", settings.issuer(), e.getMessage());
            throw misconfigured(settings, e);
        }
    }

    private static void check(OidcSettings settings, OIDCProviderMetadata metadata) throws SignInException {
        // OpenID Connect Discovery §4.3: the metadata must be about the issuer we asked for, or a
        // compromised document could send our tokens elsewhere
        if (!new Issuer(settings.issuer()).equals(metadata.getIssuer())) {
            LOG.warn("The metadata at {} names another issuer: {}", settings.issuer(), metadata.getIssuer());
            throw misconfigured(settings, null);
        }
        for (URI endpoint : Stream.of(
                        metadata.getAuthorizationEndpointURI(), metadata.getTokenEndpointURI(), metadata.getJWKSetURI())
                .toList()) {
            if (endpoint == null || !OidcSettings.secureOrLoopback(endpoint)) {
                LOG.warn(
                        "The metadata of {} lacks an endpoint or names one without https: {}",
                        settings.issuer(),
                        endpoint);
                throw misconfigured(settings, null);
            }
        }
        List<CodeChallengeMethod> pkce = metadata.getCodeChallengeMethods();
        if (pkce != null && !pkce.contains(CodeChallengeMethod.S256)) {
            LOG.warn("{} does not offer PKCE with S256 (it offers {})", settings.issuer(), pkce);
            throw misconfigured(settings, null);
        }
    }

    private static SignInException misconfigured(OidcSettings settings, Exception cause) {
        return new SignInException(
                PROVIDER_ERROR,
                "Your company's sign-in service (%s) is not set up the way Airlock needs. Tell your IT team; the details are in Airlock's log."
                        .formatted(settings.issuer().getHost()),
                cause);
    }

    private static LinkedHashSet<JWSAlgorithm> signatureAlgorithms(OIDCProviderMetadata metadata) {
        // only public-key signatures: a public client has no secret, so an HMAC-signed token would
        // be one anybody holding the client id could forge
        var algorithms = new LinkedHashSet<JWSAlgorithm>();
        Optional.ofNullable(metadata.getIDTokenJWSAlgs()).orElse(List.of()).stream()
                .filter(JWSAlgorithm.Family.SIGNATURE::contains)
                .forEach(algorithms::add);
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256);
        }
        return algorithms;
    }

    Issuer issuer() {
        return metadata.getIssuer();
    }

    /** Whether the provider promised to name itself in authorization answers (RFC 9207). */
    boolean namesItselfInAnswers() {
        return metadata.supportsAuthorizationResponseIssuerParam();
    }

    /** The address to send the browser to: authorization code flow with PKCE (S256), state and nonce. */
    URI authorizationAddress(URI redirectUri, State state, Nonce nonce, CodeVerifier verifier) {
        return new AuthenticationRequest.Builder(
                        ResponseType.CODE, Scope.parse(settings.scopes()), clientId, redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Exchanges the authorization code (with the PKCE verifier) and validates the ID token. */
    TokenGrant redeem(AuthorizationCode code, URI redirectUri, CodeVerifier verifier, Nonce nonce)
            throws SignInException {
        OIDCTokens tokens = requestTokens(new AuthorizationCodeGrant(code, redirectUri, verifier));
        if (tokens.getIDToken() == null) {
            LOG.warn("The token answer of {} holds no ID token", settings.issuer());
            throw misconfigured(settings, null);
        }
        IDTokenClaimsSet claims = validate(tokens.getIDToken(), Objects.requireNonNull(nonce));
        LOG.info("Signed in at {}", settings.issuer().getHost());
        return new TokenGrant(tokens.getAccessToken(), tokens.getRefreshToken(), tokens.getIDToken(), claims);
    }

    /**
     * Renews the tokens. A new ID token is validated like the first one, but without a nonce (OpenID
     * Connect Core §12.2), and must name the same user when one is expected.
     */
    TokenGrant refresh(RefreshToken refreshToken, String expectedSubject) throws SignInException {
        OIDCTokens tokens = requestTokens(new RefreshTokenGrant(refreshToken));
        IDTokenClaimsSet claims = null;
        if (tokens.getIDToken() != null) {
            claims = validate(tokens.getIDToken(), null);
            if (expectedSubject != null
                    && !expectedSubject.equals(claims.getSubject().getValue())) {
                LOG.warn("The renewed ID token from {} names another user; refused", settings.issuer());
                throw untrusted(null);
            }
        }
        LOG.info(
                "Renewed the sign-in at {} ({})",
                settings.issuer().getHost(),
                tokens.getRefreshToken() != null && !tokens.getRefreshToken().equals(refreshToken)
                        ? "with a new refresh token"
                        : "same refresh token");
        return new TokenGrant(tokens.getAccessToken(), tokens.getRefreshToken(), tokens.getIDToken(), claims);
    }

    /** Where to send the browser to end the provider's own session, when it publishes such an endpoint. */
    Optional<URI> endSessionAddress(JWT idTokenHint) {
        URI endpoint = metadata.getEndSessionEndpointURI();
        if (endpoint == null) {
            return Optional.empty();
        }
        if (!OidcSettings.secureOrLoopback(endpoint)) {
            // the address would carry the ID token
            LOG.warn("Not opening the end-session address of {}: it does not use https", settings.issuer());
            return Optional.empty();
        }
        return Optional.of(new LogoutRequest(endpoint, idTokenHint, null, clientId, null, null, null).toURI());
    }

    /**
     * RFC 8693 token exchange at the token endpoint, as the public client Airlock is: the user's
     * access token for one meant for {@code audience} only.
     */
    ExchangedToken exchange(String subjectToken, String audience, String scope, Instant now) throws SignInException {
        var grant = new TokenExchangeGrant(
                new TypelessAccessToken(subjectToken),
                TokenTypeURI.ACCESS_TOKEN,
                null,
                null,
                TokenTypeURI.ACCESS_TOKEN,
                List.of(new Audience(audience)));
        HTTPResponse response;
        try {
            response = send(
                    new TokenRequest(
                                    metadata.getTokenEndpointURI(),
                                    clientId,
                                    grant,
                                    scope == null ? null : Scope.parse(scope))
                            .toHTTPRequest(),
                    false);
        } catch (IOException e) {
            throw unreachable("a token exchange", e);
        }
        TokenResponse parsed;
        try {
            parsed = TokenResponse.parse(response);
        } catch (ParseException e) {
            throw unreadable("a token exchange", response, e);
        }
        if (parsed instanceof TokenErrorResponse error) {
            throw refused(error.getErrorObject(), response.getStatusCode());
        }
        AccessToken token = parsed.toSuccessResponse().getTokens().getAccessToken();
        // a token without a stated lifetime is used for a short while only, then exchanged again
        long lifetime = token.getLifetime() > 0 ? token.getLifetime() : EXCHANGED_LIFETIME_UNKNOWN_SECONDS;
        LOG.info(
                "Exchanged the access token at {} for one meant for {}",
                settings.issuer().getHost(),
                audience);
        return new ExchangedToken(token.getValue(), now.plusSeconds(lifetime));
    }

    /** Asks the provider to forget a refresh token (RFC 7009), when it offers that; best effort. */
    void revoke(RefreshToken refreshToken) {
        URI endpoint = metadata.getRevocationEndpointURI();
        if (endpoint == null || !OidcSettings.secureOrLoopback(endpoint)) {
            return;
        }
        try {
            HTTPResponse response =
                    send(new TokenRevocationRequest(endpoint, clientId, refreshToken).toHTTPRequest(), false);
            if (response.indicatesSuccess()) {
                LOG.info("{} revoked the refresh token", settings.issuer().getHost());
            } else {
                LOG.warn(
                        "Revoking the refresh token at {} failed: HTTP {}",
                        settings.issuer(),
                        response.getStatusCode());
            }
        } catch (IOException e) {
            LOG.warn("Revoking the refresh token at {} failed: {}", settings.issuer(), e.toString());
        }
    }

    private OIDCTokens requestTokens(AuthorizationGrant grant) throws SignInException {
        HTTPResponse response;
        try {
            response = send(new TokenRequest(metadata.getTokenEndpointURI(), clientId, grant).toHTTPRequest(), false);
        } catch (IOException e) {
            throw unreachable("a token request", e);
        }
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(response);
        } catch (ParseException e) {
            throw unreadable("a token request", response, e);
        }
        if (parsed instanceof TokenErrorResponse error) {
            throw refused(error.getErrorObject(), response.getStatusCode());
        }
        return ((OIDCTokenResponse) parsed.toSuccessResponse()).getOIDCTokens();
    }

    /** The token endpoint could not be reached for {@code what}: said for people, detailed in the log. */
    private SignInException unreachable(String what, IOException e) {
        LOG.warn("The token endpoint of {} could not be reached for {}: {}", settings.issuer(), what, e.toString());
        return new SignInException(
                UNREACHABLE,
                "Airlock could not reach your company's sign-in service (%s). Check your network connection (and VPN, if you use one), then try again."
                        .formatted(settings.issuer().getHost()),
                e);
    }

    /** The token endpoint answered {@code what} in a form that does not parse. */
    private SignInException unreadable(String what, HTTPResponse response, ParseException e) {
        LOG.warn(
                "The token endpoint of {} answered {} with HTTP {} in a form Airlock cannot read: {}",
                settings.issuer(),
                what,
                response.getStatusCode(),
                e.getMessage());
        return new SignInException(
                PROVIDER_ERROR,
                "Your company's sign-in service gave an answer Airlock could not read. Try again in a moment; if it keeps happening, tell your IT team.",
                e);
    }

    private SignInException refused(ErrorObject error, int status) {
        String code = error == null ? null : error.getCode();
        LOG.warn(
                "The token endpoint of {} refused the request: HTTP {}, {} ({})",
                settings.issuer(),
                status,
                code,
                error == null ? null : error.getDescription());
        if (code == null || status >= 500 || code.equals("server_error") || code.equals("temporarily_unavailable")) {
            return new SignInException(
                    PROVIDER_ERROR,
                    "Your company's sign-in service had a problem. Wait a moment, then try again; if it keeps happening, tell your IT team.");
        }
        if (code.equals("invalid_grant")) {
            return new SignInException(
                    DENIED,
                    "Your company's sign-in service no longer accepts this sign-in (it expired or was withdrawn). Sign in to Airlock again.");
        }
        return new SignInException(
                DENIED,
                "Your company's sign-in service refused Airlock's request (%s). Try signing in again; if it keeps happening, tell your IT team."
                        .formatted(code));
    }

    private IDTokenClaimsSet validate(JWT idToken, Nonce expectedNonce) throws SignInException {
        try {
            return validator.validate(idToken, expectedNonce);
        } catch (BadJOSEException e) {
            LOG.warn("Refused an ID token from {}: {}", settings.issuer(), e.getMessage());
            throw untrusted(e);
        } catch (KeySourceException e) {
            LOG.warn("Could not fetch the signing keys of {}: {}", settings.issuer(), e.getMessage());
            throw new SignInException(
                    UNREACHABLE,
                    "Airlock could not fetch the keys of your company's sign-in service to check your sign-in. Check your network connection, then try again.",
                    e);
        } catch (JOSEException e) {
            LOG.warn("Could not check an ID token from {}: {}", settings.issuer(), e.getMessage());
            throw untrusted(e);
        }
    }

    private static SignInException untrusted(Exception cause) {
        return new SignInException(
                UNTRUSTED,
                "Airlock refused the answer from your sign-in service because it could not be verified. Try again; if it keeps happening, tell your IT team.",
                cause);
    }

    /**
     * @param followRedirects only for requests that carry nothing secret: a redirect from the token
     *     endpoint would resend the code or refresh token to another place
     */
    private static HTTPResponse send(HTTPRequest request, boolean followRedirects) throws IOException {
        request.setConnectTimeout(CONNECT_TIMEOUT_MS);
        request.setReadTimeout(READ_TIMEOUT_MS);
        request.setFollowRedirects(followRedirects);
        return request.send();
    }
}
