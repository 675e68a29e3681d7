package dev.airlock.runtime.gateway;

import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import java.util.Optional;
import java.util.SequencedMap;

/** What the gateway needs to know about servers: the state of one, by the name in the URL, and which run. */
public interface ServerRoutes {

    /** Empty when no server has that name. */
    Optional<ServerState> lookup(String name);

    /** The servers that are running now, by short name, in catalog order: what {@code /mcp} reaches. */
    SequencedMap<String, ServerConnection> running();
}
