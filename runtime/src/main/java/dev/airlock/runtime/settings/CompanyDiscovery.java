package dev.airlock.runtime.settings;

import dev.airlock.runtime.AirlockVersion;
import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The first run on a computer the company did not preset: the user types the company's address
 * (the registry's URL, such as {@code acme.example}), and Airlock reads
 * {@code {registry}/.well-known/airlock.json} for the sign-in provider. A company that publishes no
 * such file (404) still works: the user gets just the registry, and sign-in comes from elsewhere.
 *
 * <pre>
 * { "issuer": "https://login.acme.example/realms/staff",
 *   "clientId": "airlock-desktop",
 *   "scopes": ["openid", "profile", "email", "offline_access"] }
 * </pre>
 */
public final class CompanyDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(CompanyDiscovery.class);

    public static final String WELL_KNOWN_PATH = "/.well-known/airlock.json";
    /** A discovery file is a few hundred bytes; anything much larger is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final Duration requestTimeout;

    /**
     * @param http a client set up for the company's network (for example trusting its CA)
     * @param requestTimeout how long the whole answer may take
     */
    public CompanyDiscovery(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    public CompanyDiscovery() {
        this(
                HttpClient.newBuilder()
                        .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
                        // redirects within https only: the JDK never follows one from https to http
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * The registry URL for what the user typed: {@code acme.example} → {@code https://acme.example}.
     * Plain http is refused, except to this computer (127.0.0.1, localhost), where nothing crosses a
     * network.
     */
    public static URI companyAddress(String typed) throws DiscoveryException {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new DiscoveryException("Type your company's address, for example acme.example.");
        }
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw notAnAddress(typed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw notAnAddress(typed);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new DiscoveryException(
                    "Type only your company's address, for example acme.example: no name@ in front, nothing after ? or #.");
        }
        if (scheme.equals("http") && !SettingType.WebAddress.isLoopback(host)) {
            throw new DiscoveryException(
                    "Airlock connects to your company only over https. Type the address as https://"
                            + uri.getRawAuthority() + ", or ask your IT team for the right one.");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        try {
            return new URI(scheme + "://" + host.toLowerCase(Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path);
        } catch (URISyntaxException e) {
            throw notAnAddress(typed);
        }
    }

    private static DiscoveryException notAnAddress(String typed) {
        return new DiscoveryException("\"" + typed.strip()
                + "\" is not a web address. Type your company's address, for example acme.example.");
    }

    /**
     * Reads what the company publishes for Airlock at the address the user typed.
     *
     * @throws DiscoveryException with a sentence for the user when the address is unusable, cannot
     *     be reached, or publishes a broken file
     */
    public CompanySettings discover(String typedAddress) throws DiscoveryException {
        URI registry = companyAddress(typedAddress);
        URI file = URI.create(registry + WELL_KNOWN_PATH);
        String where = registry.getRawAuthority();
        HttpRequest request = HttpRequest.newBuilder(file)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "Airlock/" + AirlockVersion.current())
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                return switch (response.statusCode()) {
                    case 200 -> read(registry, file, body.readNBytes(MAX_BYTES + 1));
                    case 404, 410 -> {
                        LOG.info("{} publishes no Airlock file; using it as the registry only", where);
                        yield CompanySettings.registryOnly(registry);
                    }
                    default ->
                        throw new DiscoveryException(
                                "%s answered with an error (HTTP %d). Check the address, or try again later."
                                        .formatted(where, response.statusCode()));
                };
            }
        } catch (HttpTimeoutException e) {
            LOG.warn("Discovery at {} timed out: {}", file, e.toString());
            throw new DiscoveryException(
                    where + " did not answer in time. Check the address and your network connection, then try again.",
                    e);
        } catch (IOException e) {
            LOG.warn("Discovery at {} failed: {}", file, e.toString());
            if (causedBy(e, SSLException.class)) {
                throw new DiscoveryException(
                        "Airlock could not make a secure connection to " + where + ". If your company inspects network"
                                + " traffic, ask your IT team to set up its certificate for Airlock.",
                        e);
            }
            throw new DiscoveryException(
                    "Airlock cannot reach " + where
                            + ". Check the address and your network connection, then try again.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("Airlock stopped waiting for " + where + ".", e);
        }
    }

    private static CompanySettings read(URI registry, URI file, byte[] body) throws DiscoveryException {
        if (body.length > MAX_BYTES) {
            throw new DiscoveryException("The Airlock file at " + file + " is larger than " + MAX_BYTES / 1024
                    + " KB, so it is not one Airlock can use. Ask your IT team to check it.");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new DiscoveryException(
                    "The Airlock file at " + file + " is not a valid JSON object. Ask your IT team to check it.");
        }
        var company = new CompanySettings(
                registry,
                field(json, "issuer", SettingKey.OIDC_ISSUER, file),
                field(json, "clientId", SettingKey.OIDC_CLIENT_ID, file),
                field(json, "scopes", SettingKey.OIDC_SCOPES, file).orElse(List.of()));
        LOG.info(
                "{} publishes: issuer {}, client ID {}, scopes {}",
                registry,
                company.issuer().map(URI::toString).orElse("(none)"),
                company.clientId().isPresent() ? "given" : "(none)",
                company.scopes());
        return company;
    }

    private static <T> Optional<T> field(JsonNode json, String name, SettingKey<T> key, URI file)
            throws DiscoveryException {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(key.type().read(node));
        } catch (InvalidValueException e) {
            throw new DiscoveryException(
                    "The Airlock file at %s has an unusable \"%s\": it %s. Ask your IT team to check it."
                            .formatted(file, name, e.getMessage()));
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
