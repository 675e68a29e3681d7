package dev.airlock.runtime.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** Clients of the official MCP Java SDK, connected to the gateway as an AI app would be. */
public final class McpClients {

    private McpClients() {}

    /** A client for one gateway endpoint ({@code http://127.0.0.1:PORT/mcp/NAME}), not yet initialized. */
    public static McpSyncClient connect(String endpointUrl, String token) {
        return builder(endpointUrl, token).build();
    }

    /** The same, introducing itself in {@code initialize} as the AI app {@code appName}. */
    public static McpSyncClient connect(String endpointUrl, String token, String appName) {
        return builder(endpointUrl, token)
                .clientInfo(new McpSchema.Implementation(appName, "1.0.0"))
                .build();
    }

    /**
     * A client spec to finish in the test, for clients that declare capabilities and answer the
     * server's requests (sampling, elicitation).
     */
    public static McpClient.SyncSpec builder(String endpointUrl, String token) {
        URI url = URI.create(endpointUrl);
        var transport = HttpClientStreamableHttpTransport.builder(url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30));
    }
}
