package dev.airlock.runtime.remote;

import java.util.Optional;

/** The bearer token one remote server gets on every request, per the company's identity policy. */
public interface BearerTokens {

    /** A public server's: no Authorization header at all. */
    BearerTokens NONE = new BearerTokens() {
        @Override
        public Optional<String> current() {
            return Optional.empty();
        }

        @Override
        public void rejected(String token) {}
    };

    /**
     * The token to send now; empty for none.
     *
     * @throws RemoteException when there is no usable identity: not signed in, or the exchange failed
     */
    Optional<String> current() throws RemoteException;

    /** The server answered 401 to this token: the next {@link #current()} gets a fresh one. */
    void rejected(String token);
}
