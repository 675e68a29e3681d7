package dev.airlock.runtime.catalog;

import static dev.airlock.runtime.catalog.InvalidEntryException.invalid;

import dev.airlock.runtime.catalog.ServerPolicy.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads one {@code {"server": {...}, "_meta": {...}}} item of a registry list on its own: whatever
 * is wrong with it makes only this entry unavailable, with the reason.
 */
final class EntryReader {

    static final String MOUNTS_LATER =
            "This server needs access to files on your computer, which comes in a later version of Airlock.";

    private static final Logger LOG = LoggerFactory.getLogger(EntryReader.class);
    private static final int HOSTS_SHOWN = 5;

    private final ServerSchema schema;

    EntryReader(ServerSchema schema) {
        this.schema = schema;
    }

    /**
     * @param position where the item stands in the list, counting from 1; it names entries that
     *     have no usable name of their own
     */
    ParsedEntry read(JsonNode item, int position) {
        JsonNode server = item.path("server");
        Optional<String> nameProblem = EntryLimits.nameProblem(server.get("name"));
        String name = nameProblem.isEmpty() ? server.get("name").stringValue() : "unnamed-" + position;
        String title = display(server.get("title"), EntryLimits.MAX_TITLE);
        String description = Objects.requireNonNullElse(display(server.get("description"), EntryLimits.MAX_STRING), "");
        String version = Objects.requireNonNullElse(display(server.get("version"), EntryLimits.MAX_VERSION), "");
        ParsedEntry entry;
        try {
            if (!server.isObject()) {
                throw invalid("it has no 'server' object");
            }
            if (nameProblem.isPresent()) {
                throw invalid(nameProblem.get());
            }
            EntryLimits.check(item, server);
            schema.check(server);
            ServerPolicy policy = PolicyReader.read(PolicyReader.find(item, server));
            List<RemoteEndpoint> remotes = RemoteReader.read(server.path("remotes"));
            Optional<PackageLaunch> launch = LaunchReader.read(server, remotes);
            // Read after the launch is chosen: the metadata is keyed by the image or URL it describes.
            Optional<PublisherInfo> publisher = PublisherInfoReader.read(server, launch, remotes);
            entry = new ParsedEntry(
                    name, title, description, version, launch, remotes, policy, publisher, offer(policy));
        } catch (InvalidEntryException e) {
            entry = ParsedEntry.unavailable(name, title, description, version, e.getMessage());
        }
        if (entry.availability() instanceof Availability.Unavailable(String reason)) {
            LOG.info("Registry entry {} ({}) is not offered: {}", position, name, reason);
        }
        return entry;
    }

    /**
     * Stop-gaps until egress control and mounts land: a server that asks for either is listed with
     * its policy but not offered, because running it without them would break the promise the
     * policy makes.
     */
    private static Availability offer(ServerPolicy policy) {
        Network network = policy.permissions().network();
        if (network.wantsEgress()) {
            String access = network.insecureAllowAll()
                    ? "unrestricted internet access"
                    : "network access (" + destinations(network) + ")";
            return Availability.unavailable("This server needs " + access
                    + ", which this version of Airlock cannot restrict yet, so it is not offered.");
        }
        if (!policy.permissions().read().isEmpty()
                || !policy.permissions().write().isEmpty()) {
            return Availability.unavailable(MOUNTS_LATER);
        }
        return Availability.available();
    }

    private static String destinations(Network network) {
        List<String> hosts = network.allowHost();
        List<Integer> ports = network.allowPort();
        List<String> shown = new ArrayList<>();
        for (String host : hosts.subList(0, Math.min(HOSTS_SHOWN, hosts.size()))) {
            shown.add(ports.size() == 1 ? host + ":" + ports.getFirst() : host);
        }
        String text = String.join(", ", shown);
        if (hosts.size() > HOSTS_SHOWN) {
            text += " and " + (hosts.size() - HOSTS_SHOWN) + " more";
        }
        if (ports.size() > 1) {
            text += " on ports "
                    + String.join(", ", ports.stream().map(String::valueOf).toList());
        }
        return text;
    }

    /** Text fit to show even on an invalid entry, or null when there is none. */
    private static String display(JsonNode node, int max) {
        String text = Texts.text(node);
        return text == null || text.isEmpty() || text.length() > max ? null : Texts.clean(text);
    }
}
