package dev.airlock.runtime.engine;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.state.StateDirectory;
import java.time.Duration;
import java.util.Map;

/**
 * @param gatewayPort the gateway's port on 127.0.0.1; 0 picks a free one
 * @param environment where {@code DOCKER_HOST} and the like are read from
 * @param readyTimeout how long a server may take to answer {@code initialize}
 */
public record EngineOptions(
        Catalog catalog,
        StateDirectory stateDirectory,
        int gatewayPort,
        Map<String, String> environment,
        Duration readyTimeout) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    public EngineOptions {
        environment = Map.copyOf(environment);
    }
}
