package dev.airlock.runtime.gateway;

import java.time.Duration;

/**
 * @param port the port on 127.0.0.1; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted
 * @param maxSessions the most sessions open at once, over all AI apps
 * @param listTimeout how long {@code /mcp} waits for each server's part of a list before leaving it out
 */
public record GatewaySettings(int port, int maxBodyBytes, int maxSessions, Duration listTimeout) {

    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_SESSIONS = 1024;
    public static final Duration DEFAULT_LIST_TIMEOUT = Duration.ofSeconds(5);

    public GatewaySettings(int port, int maxBodyBytes, int maxSessions) {
        this(port, maxBodyBytes, maxSessions, DEFAULT_LIST_TIMEOUT);
    }

    public static GatewaySettings onPort(int port) {
        return new GatewaySettings(port, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_SESSIONS);
    }
}
