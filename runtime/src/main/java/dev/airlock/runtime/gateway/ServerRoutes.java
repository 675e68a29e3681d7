package dev.airlock.runtime.gateway;

import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerManager;
import dev.airlock.runtime.server.ServerState;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;

/** What the gateway needs to know about servers: the state of one, by the name in the URL, and which run. */
public interface ServerRoutes {

    /** Empty when no server has that name. */
    Optional<ServerState> lookup(String name);

    /** The servers that are running now, by short name, in catalog order: what {@code /mcp} reaches. */
    SequencedMap<String, ServerConnection> running();

    /** The gateway's view of a server manager's servers, as the engine gives it. */
    static ServerRoutes of(ServerManager servers) {
        return new ServerRoutes() {
            @Override
            public Optional<ServerState> lookup(String name) {
                return servers.state(name);
            }

            @Override
            public SequencedMap<String, ServerConnection> running() {
                var running = new LinkedHashMap<String, ServerConnection>();
                for (var entry : servers.states()) {
                    if (entry.getValue() instanceof ServerState.Running(ServerConnection connection)) {
                        running.put(entry.getKey().shortName(), connection);
                    }
                }
                return running;
            }
        };
    }
}
