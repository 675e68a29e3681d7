package dev.airlock.runtime.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Who may talk to the gateway. A web page in a browser can reach 127.0.0.1 too, through DNS
 * rebinding or a plain cross-origin request; so a request must name a loopback host
 * ({@code 127.0.0.1}, {@code localhost} or {@code [::1]}, with any port) as its Host, must not come
 * from an Origin other than such a host, and must carry an AI app's token. The port is not checked:
 * a rebinding page always names its own host, and a local forwarder (a test harness, a developer's
 * proxy) keeps its own port in the headers it passes on. See ADR 0014.
 */
final class RequestGuard {

    private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");

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
        if (host == null || !isLoopback(host)) {
            return new Verdict.Refused(
                    403, "This gateway only answers requests addressed to 127.0.0.1:" + port.getAsInt() + ".");
        }
        if (origin != null && !isLoopback(withoutHttpScheme(origin))) {
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

    /** {@code 127.0.0.1}, {@code localhost} or {@code [::1]}, each with or without a port. */
    static boolean isLoopback(String hostAndPort) {
        String value = hostAndPort.toLowerCase(Locale.ROOT);
        for (String name : LOOPBACK_NAMES) {
            if (value.equals(name)) {
                return true;
            }
            if (value.startsWith(name + ":")) {
                String port = value.substring(name.length() + 1);
                return port.length() <= 5
                        && !port.isEmpty()
                        && port.chars().allMatch(c -> c >= '0' && c <= '9')
                        && Integer.parseInt(port) >= 1
                        && Integer.parseInt(port) <= 65535;
            }
        }
        return false;
    }

    /** The host and port of an http or https origin; empty for anything else ("null", file:). */
    private static String withoutHttpScheme(String origin) {
        String value = origin.toLowerCase(Locale.ROOT);
        for (String scheme : List.of("http://", "https://")) {
            if (value.startsWith(scheme)) {
                return value.substring(scheme.length());
            }
        }
        return "";
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
