package dev.airlock.runtime.catalog;

/** A remote MCP endpoint from the registry's {@code remotes[]}. */
public record RemoteEndpoint(Transport transport, String url) {

    public enum Transport {
        STREAMABLE_HTTP,
        SSE
    }
}
