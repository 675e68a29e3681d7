package dev.airlock.app.bridge;

/** Finds the running Airlock's gateway address and a token for it, again after either went stale. */
public interface EndpointSource {

    /**
     * The endpoint to use now: the last one found, or a fresh one.
     *
     * @throws EndpointException when Airlock cannot be asked (not running) or says no
     */
    GatewayEndpoint endpoint() throws EndpointException;

    /**
     * Forgets an endpoint that stopped working, so that the next {@link #endpoint()} asks Airlock
     * again.
     *
     * @param tokenRejected the gateway refused the token (401): a new one is needed, not just the
     *     address
     */
    void invalidate(GatewayEndpoint stale, boolean tokenRejected);
}
