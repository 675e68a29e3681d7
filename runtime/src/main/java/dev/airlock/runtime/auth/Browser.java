package dev.airlock.runtime.auth;

import java.net.URI;

/**
 * Shows a web page in the user's own browser. Sign-in happens there, not in Airlock, so the user
 * types their password only into the page they already trust and their single sign-on session is
 * reused (RFC 8252).
 */
@FunctionalInterface
public interface Browser {

    /** Opens the address; returns once a browser has taken it. */
    void open(URI address) throws BrowserException;
}
