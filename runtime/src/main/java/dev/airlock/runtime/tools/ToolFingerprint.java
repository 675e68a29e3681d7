package dev.airlock.runtime.tools;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a tool's pin is computed over, and the pin itself: {@code sha256:} and the hex SHA-256 of
 * the RFC 8785 canonical JSON of an object holding the tool's {@code name}, {@code description},
 * {@code inputSchema}, {@code outputSchema} and {@code annotations} — those of them the tool has.
 * Everything else a server sends with a tool ({@code title}, {@code icons}, {@code _meta}) is left
 * out: it is display or transport data, and pinning it would block a tool over a new icon.
 *
 * <p>Each part also gets a hash of its own, so that a change can be told in words ("changed its
 * description") and a renamed tool recognised by its unchanged parts.
 *
 * @param digest the pin, {@code sha256:<64 hex digits>}
 * @param parts one digest per part the tool has, by part name, name included
 */
public record ToolFingerprint(String digest, Map<String, String> parts) {

    /** The parts that are pinned, in the order they are told to a person. */
    public static final List<String> PINNED =
            List.of("name", "description", "inputSchema", "outputSchema", "annotations");

    public ToolFingerprint {
        parts = Map.copyOf(parts);
    }

    public static ToolFingerprint of(JsonNode tool) {
        ObjectNode pinned = JsonNodeFactory.instance.objectNode();
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : PINNED) {
            JsonNode value = tool.get(part);
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                pinned.set(part, value);
                parts.put(part, sha256(CanonicalJson.of(value)));
            }
        }
        return new ToolFingerprint(sha256(CanonicalJson.of(pinned)), parts);
    }

    /** The parts whose hash differs from {@code before}'s, added and removed parts included, in {@link #PINNED} order. */
    public List<String> changedSince(ToolFingerprint before) {
        return PINNED.stream()
                .filter(part -> !java.util.Objects.equals(parts.get(part), before.parts.get(part)))
                .toList();
    }

    static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
