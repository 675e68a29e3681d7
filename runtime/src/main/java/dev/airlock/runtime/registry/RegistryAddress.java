package dev.airlock.runtime.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLEncoder;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the company's registry lists servers: {@code {base}/v0.1/servers}. Only an address that
 * keeps the user's token private is accepted: {@code https}, or plain {@code http} on this computer.
 */
record RegistryAddress(URI base, URI servers) {

    static final int PAGE_SIZE = 100;

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    /** @throws IllegalArgumentException when the token would travel in clear, or the address holds more than a place */
    static RegistryAddress of(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || (scheme.equals("http") && LOOPBACK.contains(host)))) {
            throw new IllegalArgumentException("The registry address must start with https:// (" + base + ")");
        }
        if (base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "The registry address must not hold a user name, a query or a fragment (" + base + ")");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return new RegistryAddress(base, base.resolve((path.endsWith("/") ? path : path + "/") + "v0.1/servers"));
    }

    /** One page of the latest version of every server; the first page has no cursor. */
    URI page(Optional<String> cursor) {
        StringBuilder query = new StringBuilder("version=latest&limit=").append(PAGE_SIZE);
        cursor.ifPresent(c -> query.append("&cursor=").append(URLEncoder.encode(c, UTF_8)));
        return URI.create(servers + "?" + query);
    }

    /** How messages name the registry. */
    @Override
    public String toString() {
        return base.toString();
    }
}
