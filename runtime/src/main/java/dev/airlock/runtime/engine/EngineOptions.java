package dev.airlock.runtime.engine;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.container.NpmImageBuilder;
import dev.airlock.runtime.state.StateDirectory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * @param gatewayPort the gateway's port on 127.0.0.1; 0 picks a free one
 * @param environment where {@code DOCKER_HOST} and the like are read from
 * @param readyTimeout how long a server may take to answer {@code initialize}
 * @param npmBuild how servers published on npm are built into images
 */
public record EngineOptions(
        Catalog catalog,
        StateDirectory stateDirectory,
        int gatewayPort,
        Map<String, String> environment,
        Duration readyTimeout,
        NpmImageBuilder.Settings npmBuild) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    /** npm servers are built on this Node image when IT names none (setting {@code images.nodeBase}). */
    public static final String DEFAULT_NODE_BASE = "node:22-bookworm-slim";

    public static final NpmImageBuilder.Settings DEFAULT_NPM_BUILD =
            new NpmImageBuilder.Settings(DEFAULT_NODE_BASE, Optional.empty());

    /** Options with the default ready timeout and npm build settings. */
    public static EngineOptions of(Catalog catalog, StateDirectory dir, int gatewayPort, Map<String, String> env) {
        return new EngineOptions(catalog, dir, gatewayPort, env, DEFAULT_READY_TIMEOUT, DEFAULT_NPM_BUILD);
    }

    public EngineOptions {
        environment = Map.copyOf(environment);
    }
}
