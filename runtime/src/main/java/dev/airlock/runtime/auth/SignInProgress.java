package dev.airlock.runtime.auth;

import java.net.URI;

/** What a running sign-in reports before it ends, so the UI can tell the user what to do. */
public sealed interface SignInProgress {

    /** The provider's sign-in page is open in the browser; Airlock waits for the user. */
    record BrowserOpened(URI address) implements SignInProgress {}

    /**
     * No browser could be started: the UI shows the message and the address (to click or copy).
     * Airlock keeps waiting until the sign-in timeout.
     */
    record OpenAddressYourself(String message, URI address) implements SignInProgress {}
}
