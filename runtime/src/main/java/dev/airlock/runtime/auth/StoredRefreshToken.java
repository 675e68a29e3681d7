package dev.airlock.runtime.auth;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one credential that outlives a run: the refresh token, in the {@link SecretStore} (the OS
 * keychain) under a key per issuer and client id. Access and ID tokens are never stored.
 */
final class StoredRefreshToken {

    private static final Logger LOG = LoggerFactory.getLogger(StoredRefreshToken.class);
    private static final String KEY_PREFIX = "airlock.oidc.refresh-token.";

    private final SecretStore store;
    private final String key;

    StoredRefreshToken(SecretStore store, OidcSettings settings) {
        this.store = store;
        this.key = keyFor(settings);
    }

    /**
     * A stable key for this provider and client: a hash keeps it short and free of the characters
     * a keychain may not accept, and two companies' providers never share one.
     */
    static String keyFor(OidcSettings settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((settings.issuer() + "\n" + settings.clientId()).getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    Optional<RefreshToken> read() throws SignInException {
        try {
            return store.get(key).filter(v -> !v.isBlank()).map(RefreshToken::new);
        } catch (SecretStoreException e) {
            LOG.warn("Reading the saved sign-in from {} failed", store.description(), e);
            throw new SignInException(
                    SignInException.Reason.LOCAL,
                    "Airlock could not read your saved sign-in: %s Sign in again.".formatted(sentence(e.getMessage())),
                    e);
        }
    }

    /**
     * Replaces the stored token. When that fails, the old one is removed all the same: after
     * rotation it is spent, and presenting it again may make the provider revoke the whole session.
     */
    void save(RefreshToken token) {
        try {
            store.put(key, token.getValue());
            LOG.debug(
                    "Saved the refresh token in {}{}",
                    store.description(),
                    store.persistent() ? "" : "; the sign-in lasts only until Airlock quits");
        } catch (SecretStoreException e) {
            LOG.warn(
                    "Saving the refresh token in {} failed; the sign-in lasts only until Airlock quits",
                    store.description(),
                    e);
            clear();
        }
    }

    void clear() {
        try {
            store.delete(key);
        } catch (SecretStoreException e) {
            LOG.warn("Removing the saved sign-in from {} failed", store.description(), e);
        }
    }

    private static String sentence(String text) {
        if (text == null || text.isBlank()) {
            return "the keychain failed.";
        }
        return text.endsWith(".") ? text : text + ".";
    }
}
