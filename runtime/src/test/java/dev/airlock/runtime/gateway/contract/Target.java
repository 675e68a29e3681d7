package dev.airlock.runtime.gateway.contract;

import java.util.List;

/**
 * What the gateway fronts in one column of the contract suite, and how a client reaches it: the
 * path under the gateway's base URL, the prefix the gateway puts before tool and prompt names there,
 * and what {@code initialize} must report.
 *
 * <p>Every target is served by the one engine the suite starts; a target that needs more (a server
 * of its own) says so in {@link #server()}, and the suite turns that server on.
 *
 * @param name the target's name in test names
 * @param path the endpoint's path, such as {@code /mcp/everything}
 * @param prefix what goes before a server's tool, prompt and resource names at this endpoint
 * @param server the catalog short name of the server behind it
 * @param serverName the {@code serverInfo.name} the client must see in {@code initialize}
 * @param capabilities capabilities {@code initialize} must report
 * @param absentCapabilities capabilities {@code initialize} must not report
 */
record Target(
        String name,
        String path,
        String prefix,
        String server,
        String serverName,
        List<String> capabilities,
        List<String> absentCapabilities) {

    /** server-everything over stdio in its hardened container, at its own address. */
    static Target stdio() {
        return new Target(
                "stdio",
                "/mcp/everything",
                "",
                "everything",
                "mcp-servers/everything",
                List.of("tools", "prompts", "resources", "logging", "completions"),
                List.of());
    }

    /** The same container through {@code /mcp}, where the gateway answers initialize and prefixes names. */
    static Target aggregate() {
        return new Target(
                "aggregate",
                "/mcp",
                "everything.",
                "everything",
                "airlock",
                List.of("tools", "prompts", "resources"),
                List.of("logging"));
    }

    /**
     * server-everything in its Streamable HTTP mode on this machine (127.0.0.1), as a remote catalog
     * entry: the gateway reaches it over the network, not through a container's stdio.
     */
    static Target remote() {
        return new Target(
                "remote",
                "/mcp/remote-everything",
                "",
                "remote-everything",
                "mcp-servers/everything",
                List.of("tools", "prompts", "resources", "logging", "completions"),
                List.of());
    }

    /** A tool's or prompt's name as a client names it at this endpoint. */
    String named(String name) {
        return prefix + name;
    }
}
