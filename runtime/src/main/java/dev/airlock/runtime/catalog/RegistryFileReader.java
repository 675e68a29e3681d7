package dev.airlock.runtime.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a registry list, {@code {"servers": [{"server": {...}, "_meta": {...}}], "metadata": {...}}}
 * as the MCP Registry API returns it, into a {@link Catalog}. The input is untrusted: a problem with
 * the whole document is a {@link CatalogException}; a problem with one entry makes only that entry
 * unavailable, with its reason. Thread-safe; the schema is compiled once per reader.
 */
public final class RegistryFileReader {

    /** The largest registry document read; a client fetching one can stop reading past it. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    static final int MAX_ENTRIES = 2_000;
    /** Deep enough for any real server.json with its policy; deeper input is refused while parsing. */
    static final int MAX_DEPTH = 64;

    private static final String OFFICIAL_META = "io.modelcontextprotocol.registry/official";

    static final String LISTED_TWICE =
            "This server is listed twice in the registry; Airlock uses only its first listing.";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryFileReader.class);
    private static final String CHECK_REGISTRY = "Ask your IT team to check the registry.";
    private static final String CORRECTED_FILE = "Ask your IT team for a corrected file.";

    private final JsonMapper mapper = registryMapper();
    private final EntryReader entries = new EntryReader(new ServerSchema());

    /** Reads the registry file at {@code file}. */
    public Catalog read(Path file) throws CatalogException {
        String subject = "The registry file " + file;
        return parse(readBounded(file, subject), subject, CORRECTED_FILE);
    }

    /** Reads a registry response already in memory, such as the body of {@code GET /v0.1/servers}. */
    public Catalog parse(byte[] json) throws CatalogException {
        return parse(json, "The registry's response");
    }

    /**
     * As {@link #parse(byte[])}, naming the source in messages.
     *
     * @param subject how a message starts, such as {@code "The registry at https://mcp.example.com"}
     */
    public Catalog parse(byte[] json, String subject) throws CatalogException {
        return parse(json, subject, CHECK_REGISTRY);
    }

    private Catalog parse(byte[] json, String subject, String nextStep) throws CatalogException {
        if (json.length > MAX_BYTES) {
            throw tooLarge(subject, nextStep);
        }
        JsonNode servers = servers(tree(json, subject, nextStep), subject, nextStep);
        List<ParsedEntry> read = new ArrayList<>();
        // Catalog.find ignores case, so names that differ only in case are the same server.
        Map<String, Integer> chosen = new HashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            ParsedEntry entry = entries.read(servers.get(i), i + 1);
            read.add(entry);
            String key = entry.name().toLowerCase(Locale.ROOT);
            Integer first = chosen.get(key);
            if (first == null || (isLatest(servers.get(i)) && !isLatest(servers.get(first)))) {
                chosen.put(key, i);
            }
        }
        List<ParsedEntry> parsed = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            ParsedEntry entry = read.get(i);
            int keep = chosen.get(entry.name().toLowerCase(Locale.ROOT));
            if (keep != i) {
                if (isLatest(servers.get(keep)) && markedOlder(servers.get(i))) {
                    // an older version of a server the registry also lists as latest: not a second server
                    LOG.debug("Registry entry {} ({}) is an older version; using the latest", i + 1, entry.name());
                    continue;
                }
                LOG.info("Registry entry {} ({}) is not offered: listed twice", i + 1, entry.name());
                entry = entry.notOffered(LISTED_TWICE);
            }
            parsed.add(entry);
        }
        List<String> shortNames =
                ShortNames.assign(parsed.stream().map(ParsedEntry::name).toList());
        List<CatalogEntry> catalog = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            catalog.add(parsed.get(i).withShortName(shortNames.get(i)));
        }
        return new Catalog(catalog);
    }

    /** Whether the official registry's metadata says this listing is not the server's latest version. */
    private static boolean markedOlder(JsonNode item) {
        JsonNode latest = item.path("_meta").path(OFFICIAL_META).path("isLatest");
        return latest.isBoolean() && !latest.asBoolean();
    }

    /** Whether the official registry's metadata marks this listing as the server's latest version. */
    private static boolean isLatest(JsonNode item) {
        return item.path("_meta").path(OFFICIAL_META).path("isLatest").asBoolean(false);
    }

    private JsonNode tree(byte[] json, String subject, String nextStep) throws CatalogException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            LOG.warn("{}: {}", subject, e.getOriginalMessage());
            throw new CatalogException(
                    subject + " is nested more than " + MAX_DEPTH
                            + " levels deep or holds a value too large to read safely. " + nextStep,
                    e);
        } catch (JacksonException e) {
            LOG.warn("{}: {}", subject, e.getOriginalMessage());
            throw new CatalogException(subject + " is not valid JSON" + where(e.getLocation()) + ". " + nextStep, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CatalogException(subject + " is empty. " + nextStep);
        }
        return root;
    }

    private static JsonNode servers(JsonNode root, String subject, String nextStep) throws CatalogException {
        JsonNode servers = root.path("servers");
        if (!root.isObject() || !servers.isArray()) {
            throw new CatalogException(subject + " is not a list of servers in the MCP registry format"
                    + " (it has no \"servers\" list). " + nextStep);
        }
        if (servers.size() > MAX_ENTRIES) {
            throw new CatalogException(subject + " lists " + Texts.count(servers.size()) + " servers, more than the "
                    + Texts.count(MAX_ENTRIES) + " Airlock accepts. " + nextStep);
        }
        return servers;
    }

    private static byte[] readBounded(Path file, String subject) throws CatalogException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new CatalogException(subject + " is not a file. Check the registry setting.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1); // never hold more than the limit
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(subject, CORRECTED_FILE);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            LOG.warn("No registry file at {}", file);
            throw new CatalogException(
                    subject + " does not exist. Check the registry setting, or ask your IT team" + " for the file.", e);
        } catch (AccessDeniedException e) {
            LOG.warn("Not allowed to read {}", file, e);
            throw new CatalogException(
                    "Airlock is not allowed to read " + lowerFirst(subject)
                            + ". Ask your IT team to make it readable for you.",
                    e);
        } catch (IOException e) {
            LOG.warn("Cannot read {}", file, e);
            throw new CatalogException(
                    "Airlock cannot read " + lowerFirst(subject)
                            + ". Check that the file is there and readable, or ask your IT team for a new copy.",
                    e);
        }
    }

    private static CatalogException tooLarge(String subject, String nextStep) {
        return new CatalogException(subject + " is larger than 16 MiB, more than a registry list can be. " + nextStep);
    }

    private static String where(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String lowerFirst(String subject) {
        return Character.toLowerCase(subject.charAt(0)) + subject.substring(1);
    }

    /** A mapper only for registry input, with limits that a hostile document cannot talk past. */
    private static JsonMapper registryMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxDocumentLength(MAX_BYTES)
                        .build())
                // Two values for one key would let the schema check one and Airlock use the other.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
