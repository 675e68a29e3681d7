package dev.airlock.runtime.settings;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the company's address told Airlock: the registry, and from {@code .well-known/airlock.json}
 * the sign-in provider, if the company publishes one.
 *
 * @param scopes empty when the company did not say
 */
public record CompanySettings(URI registryUrl, Optional<URI> issuer, Optional<String> clientId, List<String> scopes) {

    public CompanySettings {
        Objects.requireNonNull(registryUrl, "registryUrl");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        scopes = List.copyOf(scopes);
    }

    /** Only the registry: the company publishes no Airlock file. */
    public static CompanySettings registryOnly(URI registryUrl) {
        return new CompanySettings(registryUrl, Optional.empty(), Optional.empty(), List.of());
    }
}
