package dev.airlock.runtime.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A small HTTP proxy on 127.0.0.1 in front of the test provider: a stand-in for a network device
 * that alters what passes. The provider names its endpoints after the proxy when
 * {@code X-Forwarded-Port} is passed on, so the whole flow runs through it.
 */
final class InterceptingProxy implements AutoCloseable {

    private final HttpServer server;
    private final URI upstream;
    private final boolean forwardPort;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private volatile UnaryOperator<String> tokenAnswers = UnaryOperator.identity();

    /**
     * @param forwardPort whether to tell the provider the proxy's port; without it the provider
     *     describes itself under its own address, as a misconfigured reverse proxy would
     */
    InterceptingProxy(int upstreamPort, boolean forwardPort) throws IOException {
        this.upstream = URI.create("http://127.0.0.1:" + upstreamPort);
        this.forwardPort = forwardPort;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    /** The issuer as seen through the proxy. */
    URI issuer() {
        return URI.create("http://127.0.0.1:%d/%s".formatted(server.getAddress().getPort(), TestProvider.ISSUER_ID));
    }

    /** Alters the body of every successful token answer from now on. */
    void alterTokenAnswers(UnaryOperator<String> alteration) {
        tokenAnswers = alteration;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (forwardPort) {
                request.header(
                        "X-Forwarded-Port", String.valueOf(server.getAddress().getPort()));
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String answerBody = answer.body();
            if (exchange.getRequestURI().getPath().endsWith("/token") && answer.statusCode() == 200) {
                answerBody = tokenAnswers.apply(answerBody);
            }
            for (String header : List.of("Content-Type", "Location")) {
                answer.headers()
                        .firstValue(header)
                        .ifPresent(v -> exchange.getResponseHeaders().set(header, v));
            }
            byte[] bytes = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
