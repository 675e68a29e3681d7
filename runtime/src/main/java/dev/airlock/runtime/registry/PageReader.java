package dev.airlock.runtime.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one page of {@code GET /v0.1/servers} only as far as paging needs: its {@code servers} items
 * and {@code metadata.nextCursor}. The items themselves are left to {@code RegistryFileReader}, which
 * reads the merged list once. Pages are parsed as strictly as that reader parses a document, so that
 * merging never turns something it would refuse (a key given twice) into something it accepts.
 */
final class PageReader {

    /** The registry document's nesting limit, as RegistryFileReader applies it. */
    static final int MAX_DEPTH = 64;

    static final int MAX_CURSOR = 4_096;

    private final JsonMapper mapper;
    private final RegistryAddress where;

    PageReader(long maxBytes, RegistryAddress where) {
        this.where = where;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxDocumentLength(maxBytes)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    record Page(List<JsonNode> servers, Optional<String> nextCursor) {}

    Page read(byte[] body, int number) throws RegistryException {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw bad("sent a page that is not valid JSON (page " + number + ")", e);
        }
        JsonNode servers = root == null ? null : root.get("servers");
        if (servers == null || !root.isObject() || !servers.isArray()) {
            throw bad(
                    "sent a page that is not a list of servers in the MCP registry format (page " + number + ")", null);
        }
        List<JsonNode> items = new ArrayList<>(servers.size());
        servers.forEach(items::add);
        return new Page(items, cursor(root.path("metadata").get("nextCursor"), number));
    }

    /** One list in the registry's own shape, for RegistryFileReader and for the cache. */
    byte[] merge(List<JsonNode> servers) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("servers");
        list.addAll(servers);
        root.putObject("metadata").put("count", servers.size());
        return mapper.writeValueAsBytes(root);
    }

    private Optional<String> cursor(JsonNode cursor, int number) throws RegistryException {
        if (cursor == null
                || cursor.isNull()
                || (cursor.isString() && cursor.stringValue().isEmpty())) {
            return Optional.empty(); // the last page
        }
        if (!cursor.isString() || cursor.stringValue().length() > MAX_CURSOR) {
            throw bad("sent a page whose 'metadata.nextCursor' is not a usable cursor (page " + number + ")", null);
        }
        return Optional.of(cursor.stringValue());
    }

    private RegistryException bad(String problem, Throwable cause) {
        return RegistryException.badResponse(where, problem, cause);
    }
}
