package dev.airlock.runtime.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request for one page, and what its answer means: a page, "unchanged", "token refused", a
 * failure worth another try, or (thrown) an answer that no retry will change.
 */
final class PageExchange implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PageExchange.class);
    // What goes back into a header must be a plain visible-ASCII value.
    private static final Pattern ETAG = Pattern.compile("[\\x20-\\x7e]{1,512}");

    private final RegistryAddress where;
    private final FetchLimits limits;
    private final HttpClient http;

    PageExchange(RegistryAddress where, FetchLimits limits) {
        this.where = where;
        this.limits = limits;
        this.http = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                // A redirect would carry the bearer token to wherever it points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What a page request brought, once it succeeded. */
    sealed interface Reply {
        record Body(byte[] bytes, Optional<String> etag) implements Reply {}

        record Unchanged() implements Reply {}
    }

    /** What one attempt brought. */
    sealed interface Outcome {
        record Done(Reply reply) implements Outcome {}

        record Unauthorized() implements Outcome {}

        record Failed(String detail, Optional<Duration> retryAfter, Throwable cause) implements Outcome {}
    }

    /** @param maxBytes the most this page may hold; past it the body is no longer read */
    Outcome attempt(URI uri, String token, Optional<String> ifNoneMatch, long maxBytes)
            throws RegistryException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(limits.readTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        ifNoneMatch.ifPresent(etag -> request.header("If-None-Match", etag));
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request.build(), info -> BoundedBody.of(info, maxBytes));
        HttpResponse<byte[]> response;
        try {
            // The request's timeout covers the headers only; this bounds the body too.
            response = exchange.get(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Outcome.Failed(noAnswer(), Optional.empty(), e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return switch (e.getCause()) {
                case BoundedBody.TooLarge tooLarge ->
                    throw RegistryException.badResponse(
                            where,
                            "is larger than " + size(limits.maxBytes()) + ", more than Airlock accepts",
                            tooLarge);
                case IOException io -> new Outcome.Failed(describe(io), Optional.empty(), io);
                case Throwable other -> new Outcome.Failed("the request failed", Optional.empty(), other);
            };
        }
        return outcome(response, ifNoneMatch.isPresent());
    }

    private Outcome outcome(HttpResponse<byte[]> response, boolean askedIfChanged) throws RegistryException {
        int status = response.statusCode();
        if (status != 200 && status != 304) {
            LOG.debug("Registry {} answered HTTP {}: {}", where, status, new String(response.body(), UTF_8));
        }
        return switch (status) {
            case 200 -> new Outcome.Done(new Reply.Body(response.body(), etag(response)));
            case 304 -> {
                if (!askedIfChanged) {
                    throw RegistryException.badResponse(
                            where, "answered 304 Not Modified to a question it was not asked", null);
                }
                yield new Outcome.Done(new Reply.Unchanged());
            }
            case 401 -> new Outcome.Unauthorized();
            case 403 -> throw RegistryException.forbidden(where);
            case 404 -> throw RegistryException.notFound(where);
            // Overloaded or too slow: worth asking again.
            case 408, 429 -> new Outcome.Failed("HTTP " + status, retryAfter(response), null);
            default -> {
                if (status >= 500) {
                    yield new Outcome.Failed("HTTP " + status, retryAfter(response), null);
                }
                throw status >= 300 && status < 400
                        ? RegistryException.redirected(where, status)
                        : RegistryException.failed(where, status);
            }
        };
    }

    @Override
    public void close() {
        http.close();
    }

    private Optional<String> etag(HttpResponse<?> response) {
        Optional<String> etag = response.headers().firstValue("ETag");
        if (etag.isPresent() && !ETAG.matcher(etag.get()).matches()) {
            LOG.debug("Ignoring an unusable ETag from {}", where);
            return Optional.empty();
        }
        return etag;
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is rare from APIs and not worth a parser. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)));
    }

    private String describe(IOException e) {
        return switch (e) {
            case HttpConnectTimeoutException timeout -> "the connection timed out";
            case HttpTimeoutException timeout -> noAnswer();
            case ConnectException refused -> "no connection";
            case SSLException tls -> "no secure connection";
            default -> "the connection failed";
        };
    }

    private String noAnswer() {
        Duration timeout = limits.readTimeout();
        return "no answer within "
                + (timeout.toSeconds() >= 1 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms");
    }

    private static String size(long bytes) {
        long mib = 1024L * 1024;
        return bytes % mib == 0 ? bytes / mib + " MiB" : String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
