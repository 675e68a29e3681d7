package dev.airlock.runtime.catalog;

import dev.airlock.runtime.catalog.ServerPolicy.Permissions;
import java.util.List;
import java.util.Optional;

/**
 * What a server's publisher says about it in ToolHive's metadata,
 * {@code server._meta["io.modelcontextprotocol.registry/publisher-provided"]["io.github.stacklok"]}.
 * It is information to show, never a grant: the publisher writes it, so only the company's
 * {@code dev.airlock/policy} decides what a server may do.
 *
 * @param describes the image reference or URL the publisher keyed the metadata by
 * @param status the publisher's status for the server, lower-cased: {@code active} (also when none is
 *     given), {@code deprecated}, or another single word
 * @param tier the publisher's tier, such as {@code Official} or {@code Community}
 * @param tools the tool names the publisher declares; what the running server offers may differ
 * @param tags the publisher's search tags
 * @param requestedPermissions what the server asks for, in ToolHive's permission-profile format;
 *     Airlock grants none of it on this account
 */
public record PublisherInfo(
        String describes,
        String status,
        Optional<String> tier,
        List<String> tools,
        List<String> tags,
        Permissions requestedPermissions) {

    public PublisherInfo {
        tools = List.copyOf(tools);
        tags = List.copyOf(tags);
    }

    public boolean deprecated() {
        return "deprecated".equals(status);
    }
}
