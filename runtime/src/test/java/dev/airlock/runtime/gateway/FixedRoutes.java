package dev.airlock.runtime.gateway;

import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentHashMap;

/** Servers as a test sets them, by short name, for a gateway started without an engine. */
final class FixedRoutes implements ServerRoutes {

    private final Map<String, ServerState> states = new ConcurrentHashMap<>();
    private final Map<String, Integer> order = new ConcurrentHashMap<>();

    FixedRoutes put(String server, ServerState state) {
        order.putIfAbsent(server, order.size());
        states.put(server, state);
        return this;
    }

    @Override
    public Optional<ServerState> lookup(String name) {
        return Optional.ofNullable(states.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public SequencedMap<String, ServerConnection> running() {
        var running = new LinkedHashMap<String, ServerConnection>();
        states.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> order.get(a) - order.get(b)))
                .forEach(entry -> {
                    if (entry.getValue() instanceof ServerState.Running(ServerConnection connection)) {
                        running.put(entry.getKey(), connection);
                    }
                });
        return running;
    }
}
