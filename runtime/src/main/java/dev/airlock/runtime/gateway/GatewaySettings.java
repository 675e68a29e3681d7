package dev.airlock.runtime.gateway;

import java.time.Duration;

/**
 * @param port the port on 127.0.0.1; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted
 * @param maxSessions the most sessions open at once, over all AI apps
 * @param callQuietLimit how long a call may wait without hearing anything from its server (an
 *     answer or progress) before the gateway gives up on it, cancels it at the server and answers
 *     the AI app with an error; a stuck server then holds nobody forever
 */
public record GatewaySettings(int port, int maxBodyBytes, int maxSessions, Duration callQuietLimit) {

    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_SESSIONS = 1024;
    /** Long enough for real work; a tool that works longer should send progress. */
    public static final Duration DEFAULT_CALL_QUIET_LIMIT = Duration.ofMinutes(5);

    public GatewaySettings {
        if (callQuietLimit.isNegative() || callQuietLimit.isZero()) {
            throw new IllegalArgumentException("The call quiet limit must be positive, not " + callQuietLimit);
        }
    }

    public GatewaySettings(int port, int maxBodyBytes, int maxSessions) {
        this(port, maxBodyBytes, maxSessions, DEFAULT_CALL_QUIET_LIMIT);
    }

    public static GatewaySettings onPort(int port) {
        return new GatewaySettings(port, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_SESSIONS);
    }
}
