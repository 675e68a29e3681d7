package dev.airlock.runtime.control;

import java.util.List;

/**
 * @param containerEngine a short description of the container engine in use, or why none is reachable
 * @param company the company, or null when none is set up (a registry file, or nothing yet)
 * @param user who is signed in, or null
 * @param policyProblems why part of the company's policy is not in force (a rules file that does not
 *     load, a managed setting that cannot be used), each with what Airlock does instead; empty when
 *     all of it is (null is taken for empty)
 */
public record EngineStatus(
        String version,
        String stateDir,
        String gatewayUrl,
        String containerEngine,
        CompanyView company,
        UserView user,
        List<ServerView> servers,
        List<String> policyProblems) {

    public EngineStatus {
        servers = List.copyOf(servers);
        policyProblems = policyProblems == null ? List.of() : List.copyOf(policyProblems);
    }
}
