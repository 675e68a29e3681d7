package dev.airlock.runtime.gateway.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real MCP client that runs the contract scenarios against one gateway endpoint and reports what it
 * saw. It judges nothing: {@link Scenario#check} does, for every client alike.
 */
sealed interface ContractClient permits JavaSdkClient, TsSdkClient, InspectorCliClient {

    /** The client's name in test names and as its gateway token's name. */
    String name();

    /** Why this client cannot run the scenario at all, or empty when it can. */
    Optional<String> cannot(Scenario scenario);

    /**
     * Why the gateway ends a call this client cancelled, as its activity record says: by default the
     * gateway's answer to {@code notifications/cancelled}.
     */
    default String cancelRecordedAs() {
        return "The request was cancelled.";
    }

    /**
     * Runs the scenarios, in order and in one session where the client keeps one, against {@code url}
     * with the gateway token {@code token}; what it saw, by scenario.
     */
    Map<Scenario, Outcome> run(Target target, String url, String token, List<Scenario> scenarios) throws Exception;
}
