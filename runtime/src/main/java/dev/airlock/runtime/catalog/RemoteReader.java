package dev.airlock.runtime.catalog;

import dev.airlock.runtime.catalog.RemoteEndpoint.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** The usable endpoints from {@code remotes[]}; the others are left out and logged. */
final class RemoteReader {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteReader.class);

    private RemoteReader() {}

    static List<RemoteEndpoint> read(JsonNode remotes) {
        List<RemoteEndpoint> usable = new ArrayList<>();
        for (JsonNode remote : remotes) {
            Transport transport = transport(Texts.text(remote.get("type")));
            String url = Texts.text(remote.get("url"));
            if (transport == null || url == null || !isSafe(url)) {
                LOG.debug(
                        "Ignoring remote {} ({}): not an https endpoint Airlock can use",
                        Texts.quote(String.valueOf(url)),
                        transport);
                continue;
            }
            usable.add(new RemoteEndpoint(transport, url));
        }
        return usable;
    }

    private static Transport transport(String type) {
        return switch (type) {
            case "streamable-http" -> Transport.STREAMABLE_HTTP;
            case "sse" -> Transport.SSE;
            case null, default -> null;
        };
    }

    /**
     * Plain http only to this machine, where nothing travels over a network. A URL that still holds
     * {@code {variables}} does not parse and is left out: Airlock cannot fill them in yet.
     */
    static boolean isSafe(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null || uri.getRawUserInfo() != null) {
                return false; // credentials or a misleading "user@" part have no place in a catalog URL
            }
            return scheme.equals("https")
                    || (scheme.equals("http") && (host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost")));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
