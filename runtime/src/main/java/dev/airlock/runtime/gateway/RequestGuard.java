package dev.airlock.runtime.gateway;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Who may talk to the gateway. A web page in a browser can reach 127.0.0.1 too, through DNS
 * rebinding or a plain cross-origin request; so a request must name the loopback address and the
 * gateway's port as its Host, must not come from a foreign Origin, and must carry an AI app's token.
 */
final class RequestGuard {

    /** Whether a request may go on, and if not, the HTTP status and why. */
    sealed interface Verdict {
        record Allowed(String client) implements Verdict {}

        record Refused(int status, String message) implements Verdict {}
    }

    private final ClientTokens tokens;
    private final IntSupplier port;

    /** @param port the gateway's port, known once it is bound */
    RequestGuard(ClientTokens tokens, IntSupplier port) {
        this.tokens = tokens;
        this.port = port;
    }

    Verdict check(String host, String origin, String authorization) {
        int p = port.getAsInt();
        String loopback = "127.0.0.1:" + p;
        Set<String> hosts = Set.of(loopback, "localhost:" + p);
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return new Verdict.Refused(403, "This gateway only answers requests addressed to " + loopback + ".");
        }
        if (origin != null && !hosts.contains(withoutHttpScheme(origin.toLowerCase(Locale.ROOT)))) {
            return new Verdict.Refused(
                    403, "Requests from web pages are not allowed (Origin " + printable(origin) + ").");
        }
        Optional<String> client = tokens.authenticate(bearer(authorization));
        if (client.isEmpty()) {
            return new Verdict.Refused(
                    401,
                    authorization == null
                            ? "A gateway token is required. Get one with `airlock client-token NAME`."
                            : "The gateway token is not valid. Get a new one with `airlock client-token NAME`.");
        }
        return new Verdict.Allowed(client.get());
    }

    private static String withoutHttpScheme(String origin) {
        return origin.startsWith("http://") ? origin.substring("http://".length()) : "";
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7) {
            return null;
        }
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
    }

    /** Echoes a header in an error without letting it inject anything. */
    private static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
