package dev.airlock.runtime.demo;

import dev.airlock.runtime.container.NpmImageBuilder;
import java.net.URI;
import java.util.List;

/**
 * How to reach a running demo organization: what managed settings would say for a real company.
 *
 * @param npmBuild how the demo's npm servers are built on this computer
 */
public record DemoCompany(
        String name,
        URI registryUrl,
        URI issuer,
        String clientId,
        List<String> scopes,
        NpmImageBuilder.Settings npmBuild) {

    public DemoCompany {
        scopes = List.copyOf(scopes);
    }
}
