package dev.airlock.runtime.gateway;

import dev.airlock.runtime.server.ServerState;
import java.util.Optional;

/** What the gateway needs to know about servers: the state of one, by the name in the URL. */
@FunctionalInterface
public interface ServerRoutes {

    /** Empty when no server has that name. */
    Optional<ServerState> lookup(String name);
}
