package dev.airlock.runtime.gateway;

/**
 * @param port the port on 127.0.0.1; 0 picks a free one
 * @param maxBodyBytes the largest request body accepted
 * @param maxSessions the most sessions open at once, over all AI apps
 */
public record GatewaySettings(int port, int maxBodyBytes, int maxSessions) {

    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_SESSIONS = 1024;

    public static GatewaySettings onPort(int port) {
        return new GatewaySettings(port, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_SESSIONS);
    }
}
