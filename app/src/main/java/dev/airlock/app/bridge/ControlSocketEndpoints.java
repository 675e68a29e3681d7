package dev.airlock.app.bridge;

import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.ServerView;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Asks the running Airlock, over its control socket, for the gateway's address and for the
 * bridge's token, and keeps both until they stop working.
 */
public final class ControlSocketEndpoints implements EndpointSource {

    /** The control client's codes for "nothing answers" (docs/cli.md): waiting may help. */
    private static final Set<String> NOT_ANSWERING = Set.of("not_running", "unreachable", "timeout", "connection_lost");

    private final ControlClient control;
    private final String server;
    private final SharedBridgeToken tokens;
    private GatewayEndpoint current;

    /**
     * @param server the server's short or full name, or null for the endpoint of all servers
     * @param tokenDirectory where bridges keep their shared tokens
     * @param clientName the gateway token's name
     */
    public ControlSocketEndpoints(ControlClient control, String server, Path tokenDirectory, String clientName) {
        this.control = control;
        this.server = server;
        this.tokens = new SharedBridgeToken(tokenDirectory, clientName, this::issue);
    }

    @Override
    public synchronized GatewayEndpoint endpoint() throws EndpointException {
        if (current == null) {
            String token = tokens.token(null);
            current = new GatewayEndpoint(URI.create(gatewayUrl() + path()), token);
        }
        return current;
    }

    @Override
    public synchronized void invalidate(GatewayEndpoint stale, boolean tokenRejected) {
        if (current == null || !current.equals(stale)) {
            return; // another thread has already found a new one
        }
        current = null;
        if (tokenRejected) {
            try {
                current = new GatewayEndpoint(stale.url(), tokens.token(stale.token()));
            } catch (EndpointException e) {
                // the next endpoint() asks again and reports it
            }
        }
    }

    private String gatewayUrl() throws EndpointException {
        try {
            return control.status().gatewayUrl();
        } catch (ControlException e) {
            throw translate(e);
        }
    }

    private String path() throws EndpointException {
        if (server == null) {
            return "/mcp";
        }
        try {
            for (ServerView view : control.servers()) {
                if (view.shortName().equalsIgnoreCase(server) || view.name().equalsIgnoreCase(server)) {
                    return "/mcp/" + view.shortName();
                }
            }
        } catch (ControlException e) {
            throw translate(e);
        }
        throw new EndpointException(
                "There is no server named '" + server + "' in your catalog. Run `airlock servers` to see the names.",
                false);
    }

    private String issue(String clientName) throws EndpointException {
        try {
            ClientConnection connection = control.issueClientToken(clientName);
            String header = connection.headers().getOrDefault("Authorization", "");
            if (!header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
                throw new EndpointException("Airlock did not give the bridge a gateway token.", false);
            }
            return header.substring("Bearer ".length());
        } catch (ControlException e) {
            throw translate(e);
        }
    }

    private static EndpointException translate(ControlException e) {
        return new EndpointException(e.getMessage(), NOT_ANSWERING.contains(e.code()));
    }
}
