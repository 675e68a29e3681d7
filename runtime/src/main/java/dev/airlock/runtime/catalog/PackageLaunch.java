package dev.airlock.runtime.catalog;

import java.util.List;

/**
 * A registry package that Airlock runs locally over stdio.
 *
 * @param identifier for {@link PackageType#OCI} the image reference ({@code repo:tag} or
 *     {@code repo@sha256:...}); for {@link PackageType#NPM} the package name
 * @param version the package version, where the registry type has one apart from the identifier
 * @param runtimeArguments arguments for the container runtime, as published (not applied yet)
 * @param packageArguments arguments for the server, already resolved to their fixed values
 */
public record PackageLaunch(
        PackageType type,
        String identifier,
        String version,
        List<String> runtimeArguments,
        List<String> packageArguments,
        List<EnvironmentVariable> environment) {

    public PackageLaunch {
        runtimeArguments = List.copyOf(runtimeArguments);
        packageArguments = List.copyOf(packageArguments);
        environment = List.copyOf(environment);
    }

    public enum PackageType {
        OCI,
        NPM
    }

    /**
     * An environment variable the server expects. A fixed {@code value} is set as is; a secret comes
     * from the OS keychain and never from the registry.
     */
    public record EnvironmentVariable(
            String name, String description, boolean required, boolean secret, String value) {}
}
