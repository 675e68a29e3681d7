package dev.airlock.runtime.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * Which server a resource URI belongs to, for one session of {@code /mcp}. Resource URIs are passed
 * on unchanged, so they stay valid and match what servers put in their answers; the gateway learns
 * their servers from the lists it gathered for the session. URIs made from a template are matched by
 * the template's fixed start (the part before its first '{').
 */
final class ResourceRoutes {

    private volatile Map<String, String> byUri = Map.of();
    private volatile Map<String, String> byTemplateStart = Map.of();

    void resources(Map<String, String> serverByUri) {
        byUri = Map.copyOf(serverByUri);
    }

    void templates(Map<String, String> serverByTemplateStart) {
        byTemplateStart = Map.copyOf(serverByTemplateStart);
    }

    /** The server that listed this URI, or whose template's fixed start is the longest that begins it. */
    Optional<String> serverFor(String uri) {
        String server = byUri.get(uri);
        if (server != null) {
            return Optional.of(server);
        }
        String best = null;
        int bestLength = 0;
        for (var template : byTemplateStart.entrySet()) {
            if (uri.startsWith(template.getKey()) && template.getKey().length() > bestLength) {
                best = template.getValue();
                bestLength = template.getKey().length();
            }
        }
        return Optional.ofNullable(best);
    }
}
