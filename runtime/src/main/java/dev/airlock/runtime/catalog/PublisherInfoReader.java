package dev.airlock.runtime.catalog;

import dev.airlock.runtime.catalog.ServerPolicy.Permissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads ToolHive's publisher-provided metadata for an entry. It is optional decoration: anything
 * wrong with it drops the metadata (logged at debug), never the entry. Its limits are its own, so
 * that a long ToolHive {@code overview} or a big {@code tool_definitions} list, which Airlock does
 * not read, cannot make a good entry unavailable either.
 */
final class PublisherInfoReader {

    static final String PUBLISHER_PROVIDED = "io.modelcontextprotocol.registry/publisher-provided";
    static final String TOOLHIVE = "io.github.stacklok";

    static final int MAX_DESCRIBED = 32;
    static final int MAX_KEY = 2_048;
    static final int MAX_TOOLS = 512;
    static final int MAX_TAGS = 64;
    static final int MAX_LIST = 256;

    private static final Logger LOG = LoggerFactory.getLogger(PublisherInfoReader.class);
    // MCP's tool-name characters; ToolHive's own rule (word characters and '-') is a subset.
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?");
    private static final Pattern STATUS = Pattern.compile("[A-Za-z_-]{1,32}");
    private static final Pattern TIER = Pattern.compile("[A-Za-z][A-Za-z -]{0,31}");

    private PublisherInfoReader() {}

    /** The ToolHive block inside {@code server._meta}; a missing node when there is none. */
    static JsonNode find(JsonNode server) {
        return server.path("_meta").path(PUBLISHER_PROVIDED).path(TOOLHIVE);
    }

    /**
     * The metadata for the package Airlock runs or, failing that, the only thing the block describes.
     */
    static Optional<PublisherInfo> read(JsonNode server, Optional<PackageLaunch> launch, List<RemoteEndpoint> remotes) {
        JsonNode block = find(server);
        if (block.isMissingNode()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(block, candidates(server, launch, remotes)));
        } catch (Malformed e) {
            LOG.debug(
                    "Ignoring ToolHive metadata of {}: {}",
                    Texts.quote(server.path("name").asString("an unnamed entry")),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** What the block may be keyed by, best first: the launched image, any package, any remote. */
    private static Set<String> candidates(
            JsonNode server, Optional<PackageLaunch> launch, List<RemoteEndpoint> remotes) {
        Set<String> keys = new LinkedHashSet<>();
        launch.ifPresent(l -> keys.add(l.identifier()));
        for (JsonNode pkg : server.path("packages")) {
            String identifier = Texts.text(pkg.get("identifier"));
            if (identifier != null) {
                keys.add(identifier);
            }
        }
        remotes.forEach(remote -> keys.add(remote.url()));
        return keys;
    }

    private static PublisherInfo parse(JsonNode block, Set<String> candidates) throws Malformed {
        if (!block.isObject()) {
            throw new Malformed("it is not a JSON object");
        }
        if (block.size() > MAX_DESCRIBED) {
            throw new Malformed("it describes more than " + MAX_DESCRIBED + " images or addresses");
        }
        String key = candidates.stream().filter(block::has).findFirst().orElse(null);
        if (key == null) {
            if (block.size() != 1) {
                throw new Malformed(
                        "it describes " + block.size() + " images or addresses, none of them this server's");
            }
            key = block.propertyNames().iterator().next();
        }
        if (key.length() > MAX_KEY) {
            throw new Malformed("its key is longer than " + Texts.count(MAX_KEY) + " characters");
        }
        JsonNode extensions = block.get(key);
        if (!extensions.isObject()) {
            throw new Malformed("the metadata for " + Texts.quote(key) + " is not a JSON object");
        }
        return new PublisherInfo(
                Texts.clean(key),
                word(extensions, "status", STATUS).orElse("active").toLowerCase(Locale.ROOT),
                word(extensions, "tier", TIER),
                strings(extensions, "tools", TOOL, MAX_TOOLS),
                strings(extensions, "tags", TAG, MAX_TAGS),
                permissions(extensions.get("permissions")));
    }

    private static Optional<String> word(JsonNode extensions, String key, Pattern pattern) throws Malformed {
        JsonNode value = extensions.get(key);
        if (Texts.absent(value)) {
            return Optional.empty();
        }
        String text = Texts.text(value);
        if (text == null || !pattern.matcher(text).matches()) {
            throw new Malformed("'" + key + "' is not a short word");
        }
        return Optional.of(text);
    }

    private static List<String> strings(JsonNode extensions, String key, Pattern pattern, int max) throws Malformed {
        JsonNode list = extensions.get(key);
        if (Texts.absent(list)) {
            return List.of();
        }
        if (!list.isArray() || list.size() > max) {
            throw new Malformed("'" + key + "' is not a list of at most " + max + " values");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : list) {
            String text = Texts.text(item);
            if (text == null || !pattern.matcher(text).matches()) {
                throw new Malformed("'" + key + "' holds a value that is not a valid name");
            }
            values.add(text);
        }
        return new ArrayList<>(values);
    }

    private static Permissions permissions(JsonNode node) throws Malformed {
        if (Texts.absent(node)) {
            return Permissions.NONE;
        }
        bounded(node, "permissions");
        try {
            return PolicyReader.permissionProfile(node);
        } catch (InvalidEntryException e) {
            throw new Malformed(
                    "its 'permissions' are not in ToolHive's permission-profile format (" + e.getMessage() + ")");
        }
    }

    /** The entry-wide limits skip this block, so its permissions get them here before they are read. */
    private static void bounded(JsonNode node, String path) throws Malformed {
        if (node.isString() && node.stringValue().length() > EntryLimits.MAX_STRING) {
            throw new Malformed("'" + path + "' is longer than " + Texts.count(EntryLimits.MAX_STRING) + " characters");
        }
        if (node.isArray()) {
            if (node.size() > MAX_LIST) {
                throw new Malformed("'" + path + "' has more than " + MAX_LIST + " entries");
            }
            for (int i = 0; i < node.size(); i++) {
                bounded(node.get(i), Texts.item(path, i));
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (property.getKey().length() > EntryLimits.MAX_STRING) {
                    throw new Malformed("'" + path + "' has a property name that is too long");
                }
                bounded(property.getValue(), Texts.field(path, Texts.quote(property.getKey())));
            }
        }
    }

    /** The block cannot be understood; the message is for the debug log only. */
    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
