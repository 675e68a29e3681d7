package dev.airlock.runtime.catalog;

import java.util.List;
import java.util.Optional;

/** One registry entry as read, before the catalog gives it its short name. */
record ParsedEntry(
        String name,
        String title,
        String description,
        String version,
        Optional<PackageLaunch> launch,
        List<RemoteEndpoint> remotes,
        ServerPolicy policy,
        Optional<PublisherInfo> publisher,
        Availability availability) {

    /** An entry that is listed but not offered: nothing is kept that could be run. */
    static ParsedEntry unavailable(String name, String title, String description, String version, String reason) {
        return new ParsedEntry(
                name,
                title,
                description,
                version,
                Optional.empty(),
                List.of(),
                ServerPolicy.DEFAULT,
                Optional.empty(),
                Availability.unavailable(reason));
    }

    /** This entry, listed but not offered. */
    ParsedEntry notOffered(String reason) {
        return unavailable(name, title, description, version, reason);
    }

    CatalogEntry withShortName(String shortName) {
        return new CatalogEntry(
                name,
                shortName,
                title == null ? shortName : title,
                description,
                version,
                launch,
                remotes,
                policy,
                publisher,
                availability);
    }
}
