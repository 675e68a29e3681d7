package dev.airlock.runtime.remote;

import dev.airlock.runtime.catalog.RemoteEndpoint;
import dev.airlock.runtime.container.StdioContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A connection to one remote MCP server: sends framed JSON-RPC messages and hands what the server
 * sends to a {@link RemoteListener}. Plugs into a {@link dev.airlock.runtime.server.ServerConnection}
 * the same way a container's stdio does.
 */
public sealed interface RemoteTransport extends AutoCloseable
        permits StreamableHttpClientTransport, SseClientTransport {

    /** The same limit as a container's stdio: one message larger than this is dropped. */
    int MAX_MESSAGE_BYTES = StdioContainer.MAX_MESSAGE_BYTES;

    /** Sends one message; false when the server is gone. Never blocks for a request's answer. */
    boolean send(byte[] message);

    /** Ends the connection (and the server's session, where it has one); the listener hears nothing more. */
    @Override
    void close();

    /**
     * Opens a connection to the endpoint. For HTTP+SSE this waits (up to {@code timeout}) for the
     * server to say where messages go; Streamable HTTP connects with the first message.
     *
     * @throws RemoteException when the server cannot be reached, refuses the user or answers garbage
     */
    static RemoteTransport open(
            RemoteEndpoint endpoint,
            RemoteTarget target,
            HttpClient http,
            BearerTokens tokens,
            RemoteListener listener,
            Duration timeout)
            throws RemoteException, InterruptedException {
        return switch (endpoint.transport()) {
            case STREAMABLE_HTTP -> new StreamableHttpClientTransport(target, http, tokens, listener);
            case SSE -> SseClientTransport.open(target, http, tokens, listener, timeout);
        };
    }

    /**
     * The HTTP client remote servers share: connect timeout, no redirects (a redirect would carry the
     * user's token wherever it points), and TLS with the JVM's default trust store, as the registry
     * client uses.
     */
    static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Whether two addresses share scheme, host and port: a server may only send Airlock to its own origin. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
