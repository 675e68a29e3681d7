package dev.airlock.app.bridge;

import java.net.URI;

/**
 * Where the bridge posts and with which token.
 *
 * @param url the gateway's MCP address: {@code /mcp/{server}} or {@code /mcp}
 * @param token the gateway token; never printed or logged
 */
public record GatewayEndpoint(URI url, String token) {

    @Override
    public String toString() {
        return "GatewayEndpoint[" + url + "]";
    }
}
