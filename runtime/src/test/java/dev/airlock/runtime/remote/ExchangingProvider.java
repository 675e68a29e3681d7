package dev.airlock.runtime.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * The company's sign-in service for the identity tests: mock-oauth2-server, which implements RFC
 * 8693 token exchange, behind a small front on 127.0.0.1. mock-oauth2-server insists on client
 * authentication for token exchange, which Airlock — a public client with no secret — cannot give;
 * real providers that let a public client exchange (as the company configures them for Airlock) do
 * not. The front plays such a provider: it records each token request as Airlock sent it and adds
 * HTTP Basic client authentication (the client id, an empty secret, which the mock does not check)
 * before passing it on. Everything else goes through unchanged, with the front's port, so discovery
 * names the front as the issuer.
 */
final class ExchangingProvider implements AutoCloseable {

    static final String ISSUER_ID = "company";
    static final String CLIENT_ID = "airlock-desktop";

    private final MockOAuth2Server oauth = new MockOAuth2Server();
    private final HttpServer front;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

    ExchangingProvider() throws IOException {
        oauth.start(InetAddress.getLoopbackAddress(), 0);
        front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        front.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        front.createContext("/", this::forward);
        front.start();
    }

    URI issuer() {
        return URI.create("http://127.0.0.1:%d/%s".formatted(front.getAddress().getPort(), ISSUER_ID));
    }

    /** A user access token as the sign-in gave it to Airlock. */
    String userToken(String subject) {
        return oauth.issueToken(ISSUER_ID, subject, "airlock-registry").serialize();
    }

    /** The token requests so far, as Airlock sent them (form parameters). */
    List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + oauth.baseUrl().port())
                                    .resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                    .header(
                            "X-Forwarded-Port",
                            String.valueOf(front.getAddress().getPort()));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (exchange.getRequestURI().getPath().endsWith("/token")) {
                tokenRequests.add(form(new String(body, StandardCharsets.UTF_8)));
                request.header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((CLIENT_ID + ":").getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            byte[] bytes = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Map<String, String> form(String body) {
        var parameters = new LinkedHashMap<String, String>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        front.stop(0);
        oauth.shutdown();
    }
}
