package dev.airlock.runtime.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One server in the user's catalog: what the registry published about it and the company's policy
 * for it. Entries that cannot run are still listed, with the reason, so that a broken entry never
 * hides the valid ones.
 *
 * @param name the full registry name, such as {@code io.github.acme/weather}
 * @param shortName the unique short name the CLI, gateway URLs and tool prefixes use
 * @param title what a person sees; the short name when the registry gave no title
 * @param launch how Airlock runs the server locally, when it can
 * @param remotes the usable remote endpoints the registry lists; Airlock connects to them when
 *     {@code launch} is empty
 * @param policy the company's policy: the only thing that grants a server anything
 * @param publisher what the publisher says about the server in ToolHive's metadata, where it is
 *     present and readable; shown to people, never trusted to grant anything
 */
public record CatalogEntry(
        String name,
        String shortName,
        String title,
        String description,
        String version,
        Optional<PackageLaunch> launch,
        List<RemoteEndpoint> remotes,
        ServerPolicy policy,
        Optional<PublisherInfo> publisher,
        Availability availability) {

    public CatalogEntry {
        remotes = List.copyOf(remotes);
    }

    public boolean available() {
        return availability instanceof Availability.Available;
    }
}
