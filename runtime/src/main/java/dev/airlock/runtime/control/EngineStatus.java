package dev.airlock.runtime.control;

import java.util.List;

/**
 * @param containerEngine a short description of the container engine in use, or why none is reachable
 * @param company the company, or null when none is set up (a registry file, or nothing yet)
 * @param user who is signed in, or null
 */
public record EngineStatus(
        String version,
        String stateDir,
        String gatewayUrl,
        String containerEngine,
        CompanyView company,
        UserView user,
        List<ServerView> servers) {

    public EngineStatus {
        servers = List.copyOf(servers);
    }
}
