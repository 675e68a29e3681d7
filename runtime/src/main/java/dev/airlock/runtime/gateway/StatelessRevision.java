package dev.airlock.runtime.gateway;

import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP's stateless revision, 2026-07-28, as the gateway speaks it towards AI apps: no handshake and no
 * session; every request names its version, the app's capabilities and the app itself in {@code
 * params._meta}, and repeats its method (and tool, prompt or resource) in HTTP headers. Servers behind
 * the gateway keep the version Airlock agreed with them, so the revision's {@code _meta} keys are
 * taken off before a request goes on. See ADR 0016.
 */
final class StatelessRevision {

    static final String VERSION = "2026-07-28";

    static final String METHOD_HEADER = "Mcp-Method";
    static final String NAME_HEADER = "Mcp-Name";

    private static final String META_PREFIX = "io.modelcontextprotocol/";
    static final String META_VERSION = META_PREFIX + "protocolVersion";
    static final String META_CAPABILITIES = META_PREFIX + "clientCapabilities";
    static final String META_CLIENT_INFO = META_PREFIX + "clientInfo";

    /** How long an app may keep a {@code server/discover} answer. */
    static final long DISCOVER_TTL_MS = 60_000;

    /** The methods this revision has that the gateway offers; any other is unknown (404). */
    private static final Set<String> METHODS = Set.of(
            "server/discover",
            "tools/list",
            "tools/call",
            "prompts/list",
            "prompts/get",
            "resources/list",
            "resources/templates/list",
            "resources/read",
            "completion/complete");

    private StatelessRevision() {}

    /** Whether a request is one of this revision's, and if so whether it may go on. */
    sealed interface Verdict {
        /** Not a request of this revision: the session-based transport handles it. */
        record Sessioned() implements Verdict {}

        /** A valid request of this revision, from the app named in its {@code _meta}. */
        record Accepted(String clientName, String clientVersion) implements Verdict {}

        /** A request of this revision, or one that asks for it wrongly, refused. */
        record Refused(int status, int code, String message, JsonNode data) implements Verdict {}
    }

    /** Every protocol version the gateway speaks towards AI apps, oldest first. */
    static List<String> supportedVersions() {
        return Stream.concat(McpHandler.SUPPORTED_VERSIONS.stream(), Stream.of(VERSION))
                .sorted()
                .toList();
    }

    /**
     * Whether a POSTed message (other than {@code initialize}, which always opens a session) is of this
     * revision: the {@code MCP-Protocol-Version} header says so, or no session is named and its {@code
     * _meta} names a protocol version that no session-based version has.
     */
    static boolean claims(ObjectNode message, String versionHeader, String sessionHeader) {
        JsonNode metaVersion = message.path("params").path("_meta").path(META_VERSION);
        return VERSION.equals(versionHeader)
                || (sessionHeader == null
                        && metaVersion.isString()
                        && !McpHandler.SUPPORTED_VERSIONS.contains(metaVersion.asString()));
    }

    /** Decides a POSTed request (other than {@code initialize}). */
    static Verdict check(ObjectNode request, String versionHeader, String sessionHeader, Headers headers) {
        if (!claims(request, versionHeader, sessionHeader)) {
            return new Verdict.Sessioned();
        }
        JsonNode meta = request.path("params").path("_meta");
        JsonNode metaVersion = meta.path(META_VERSION);
        List<String> missing = new ArrayList<>();
        if (!metaVersion.isString()) {
            missing.add(META_VERSION);
        }
        if (!meta.path(META_CAPABILITIES).isObject()) {
            missing.add(META_CAPABILITIES);
        }
        JsonNode info = meta.path(META_CLIENT_INFO);
        if (!info.isObject() || !info.path("name").isString()) {
            missing.add(META_CLIENT_INFO);
        }
        if (!missing.isEmpty()) {
            return new Verdict.Refused(
                    400,
                    JsonRpc.INVALID_PARAMS,
                    "Under MCP %s every request needs params._meta with %s; missing: %s."
                            .formatted(
                                    VERSION,
                                    String.join(", ", META_VERSION, META_CAPABILITIES, META_CLIENT_INFO),
                                    String.join(", ", missing)),
                    null);
        }
        String requested = metaVersion.asString();
        if (versionHeader != null && !versionHeader.equals(requested)) {
            return new Verdict.Refused(
                    400,
                    JsonRpc.HEADER_MISMATCH,
                    "The MCP-Protocol-Version header says '%s' but params._meta says '%s'; they must be the same."
                            .formatted(McpHandler.printable(versionHeader), McpHandler.printable(requested)),
                    null);
        }
        if (!VERSION.equals(requested)) {
            ObjectNode data = JsonRpc.object();
            data.put("requested", requested);
            supportedVersions().forEach(data.putArray("supported")::add);
            return new Verdict.Refused(
                    400,
                    JsonRpc.UNSUPPORTED_PROTOCOL_VERSION,
                    "This gateway does not support protocol version '%s'; it supports %s."
                            .formatted(McpHandler.printable(requested), String.join(", ", supportedVersions())),
                    data);
        }
        String mismatch = headerMismatch(request, versionHeader != null, headers);
        if (mismatch != null) {
            return new Verdict.Refused(400, JsonRpc.HEADER_MISMATCH, mismatch, null);
        }
        return new Verdict.Accepted(
                CallRecorder.clip(info.path("name").asString()),
                CallRecorder.clip(info.path("version").asString("")));
    }

    /** The request's HTTP headers this revision checks. */
    record Headers(String method, String name) {}

    /** A sentence naming the header that is missing or disagrees with the body; null when all agree. */
    private static String headerMismatch(ObjectNode request, boolean versionSent, Headers headers) {
        if (!versionSent) {
            return "The MCP-Protocol-Version header is missing; send it with " + VERSION + ".";
        }
        String method = JsonRpc.method(request);
        if (headers.method() == null) {
            return "The Mcp-Method header is missing; send it with the request's method.";
        }
        if (!headers.method().equals(method)) {
            return "The Mcp-Method header says '%s' but the request's method is '%s'; they must be the same."
                    .formatted(McpHandler.printable(headers.method()), McpHandler.printable(method));
        }
        String member = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
        if (member == null) {
            return null;
        }
        JsonNode value = request.path("params").path(member);
        if (headers.name() == null) {
            return "The Mcp-Name header is missing; for %s send it with params.%s.".formatted(method, member);
        }
        if (!value.isString() || !headers.name().equals(value.asString())) {
            return "The Mcp-Name header says '%s' but params.%s is '%s'; they must be the same."
                    .formatted(McpHandler.printable(headers.name()), member, McpHandler.printable(value.asString("")));
        }
        return null;
    }

    /** Notifications of older versions that this revision removed. */
    static boolean removedNotification(String method) {
        return "notifications/initialized".equals(method) || "notifications/roots/list_changed".equals(method);
    }

    /** Whether the gateway offers this method under this revision. */
    static boolean offers(String method) {
        return METHODS.contains(method);
    }

    /**
     * Takes this revision's {@code _meta} keys off a request, in place, for a server that speaks an
     * older version; {@code progressToken} and any other key stay.
     */
    static void stripMeta(ObjectNode request) {
        if (request.get("params") instanceof ObjectNode params && params.get("_meta") instanceof ObjectNode meta) {
            meta.propertyNames().stream()
                    .filter(key -> key.startsWith(META_PREFIX))
                    .toList()
                    .forEach(meta::remove);
            if (meta.isEmpty()) {
                params.remove("_meta");
            }
        }
    }

    /** Marks a response's result complete, as this revision wants every result to say; errors stay as they are. */
    static ObjectNode complete(ObjectNode response) {
        if (response.get("result") instanceof ObjectNode result && !result.has("resultType")) {
            result.put("resultType", "complete");
        }
        return response;
    }

    /**
     * The answer to {@code server/discover}, from what a server (or {@code /mcp}) answers {@code
     * initialize} with: its capabilities, serverInfo and instructions.
     */
    static ObjectNode discoverResult(ObjectNode initializeResult) {
        ObjectNode result = JsonRpc.object();
        supportedVersions().forEach(result.putArray("supportedVersions")::add);
        result.set("capabilities", initializeResult.path("capabilities").deepCopy());
        result.set("serverInfo", initializeResult.path("serverInfo").deepCopy());
        if (initializeResult.has("instructions")) {
            result.set("instructions", initializeResult.get("instructions").deepCopy());
        }
        result.put("resultType", "complete");
        result.put("ttlMs", DISCOVER_TTL_MS);
        result.put("cacheScope", "private");
        return result;
    }
}
