package dev.airlock.runtime.control;

import java.util.List;

/**
 * @param containerEngine a short description of the container engine in use, or why none is reachable
 */
public record EngineStatus(
        String version, String stateDir, String gatewayUrl, String containerEngine, List<ServerView> servers) {

    public EngineStatus {
        servers = List.copyOf(servers);
    }
}
