package dev.airlock.runtime.control;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an AI app needs to reach the gateway.
 *
 * @param url the gateway's MCP address for all of the user's servers at once
 * @param headers the headers to send with every request (the token)
 * @param servers the address of each running server's own endpoint, by short name
 */
public record ClientConnection(String client, String url, Map<String, String> headers, Map<String, String> servers) {

    public ClientConnection {
        headers = Map.copyOf(headers);
        servers = Collections.unmodifiableMap(new TreeMap<>(servers == null ? Map.of() : servers));
    }

    /** The gateway token itself, without the {@code Bearer } of its header. */
    public String bearerToken() {
        return headers.get("Authorization").substring("Bearer ".length());
    }
}
