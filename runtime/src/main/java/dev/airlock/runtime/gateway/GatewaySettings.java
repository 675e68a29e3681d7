package dev.airlock.runtime.gateway;

import java.time.Duration;

/**
 * @param port the port on 127.0.0.1; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted
 * @param maxSessions the most sessions open at once, over all AI apps
 * @param listTimeout how long {@code /mcp} waits for each server's part of a list before leaving it out
 * @param callQuietLimit how long a call may wait without hearing anything from its server (an
 *     answer or progress) before the gateway gives up on it, cancels it at the server and answers
 *     the AI app with an error; a stuck server then holds nobody forever
 */
public record GatewaySettings(
        int port, int maxBodyBytes, int maxSessions, Duration listTimeout, Duration callQuietLimit) {

    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_SESSIONS = 1024;
    public static final Duration DEFAULT_LIST_TIMEOUT = Duration.ofSeconds(5);
    /** Sessions one AI app (one token) may hold open at once: one app cannot lock the others out. */
    public static final int MAX_SESSIONS_PER_CLIENT = 64;
    /** A session nobody used for this long (no request, none waiting, no stream open) is ended. */
    public static final Duration SESSION_IDLE_LIMIT = Duration.ofMinutes(30);
    /** Long enough for real work; a tool that works longer should send progress. */
    public static final Duration DEFAULT_CALL_QUIET_LIMIT = Duration.ofMinutes(5);

    public GatewaySettings {
        for (Duration limit : new Duration[] {listTimeout, callQuietLimit}) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("Gateway time limits must be positive, not " + limit);
            }
        }
    }

    public GatewaySettings(int port, int maxBodyBytes, int maxSessions) {
        this(port, maxBodyBytes, maxSessions, DEFAULT_LIST_TIMEOUT, DEFAULT_CALL_QUIET_LIMIT);
    }

    public static GatewaySettings onPort(int port) {
        return new GatewaySettings(port, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_SESSIONS);
    }

    /** These settings with another quiet limit for calls. */
    public GatewaySettings withCallQuietLimit(Duration limit) {
        return new GatewaySettings(port, maxBodyBytes, maxSessions, listTimeout, limit);
    }
}
