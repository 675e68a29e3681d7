package dev.airlock.runtime.registry;

import dev.airlock.runtime.auth.AccessTokenSource;
import dev.airlock.runtime.auth.NotSignedInException;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogException;
import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.registry.FetchResult.Fetched;
import dev.airlock.runtime.registry.FetchResult.NotModified;
import dev.airlock.runtime.registry.PageExchange.Outcome;
import dev.airlock.runtime.registry.PageExchange.Reply;
import dev.airlock.runtime.registry.PageReader.Page;
import dev.airlock.runtime.registry.RegistryException.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Fetches the signed-in user's catalog from the company's MCP registry (Registry API v0.1): every
 * page of {@code GET {base}/v0.1/servers?version=latest}, each with the user's bearer token, merged
 * into one list that {@link RegistryFileReader} reads once, so that duplicates and short-name
 * collisions are settled across pages. Thread-safe; close it to release its HTTP client.
 */
public final class RegistryClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);

    private final RegistryAddress where;
    private final AccessTokenSource tokens;
    private final RegistryFileReader reader;
    private final FetchLimits limits;
    private final RetryPolicy retry;
    private final PageReader pages;
    private final PageExchange exchange;

    public RegistryClient(URI base, AccessTokenSource tokens, RegistryFileReader reader) {
        this(base, tokens, reader, FetchLimits.DEFAULT, RetryPolicy.DEFAULT);
    }

    /**
     * @param base the registry's base address, such as {@code https://registry.example.com} or
     *     {@code https://example.com/registry}; {@code https}, or {@code http} on the loopback address only
     * @throws IllegalArgumentException when the address would send the user's token in clear
     */
    public RegistryClient(
            URI base, AccessTokenSource tokens, RegistryFileReader reader, FetchLimits limits, RetryPolicy retry) {
        this.where = RegistryAddress.of(base);
        this.tokens = tokens;
        this.reader = reader;
        this.limits = limits;
        this.retry = retry;
        this.pages = new PageReader(limits.maxBytes(), where);
        this.exchange = new PageExchange(where, limits);
    }

    /**
     * Fetches every page.
     *
     * @param etag the {@code ETag} of the catalog Airlock holds; sent as {@code If-None-Match} with
     *     the first page, and a 304 then keeps that catalog
     */
    public FetchResult fetch(Optional<String> etag) throws RegistryException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        Optional<String> cursor = Optional.empty();
        Optional<String> firstEtag = Optional.empty();
        long bytes = 0;
        for (int number = 1; ; number++) {
            if (number > limits.maxPages()) {
                throw RegistryException.badResponse(where, "has more than " + limits.maxPages() + " pages", null);
            }
            // Only the first page asks "changed?": the ETag stands for the whole list.
            Reply reply = get(where.page(cursor), number == 1 ? etag : Optional.empty(), limits.maxBytes() - bytes);
            if (!(reply instanceof Reply.Body(byte[] body, Optional<String> pageEtag))) {
                LOG.debug("Registry {} unchanged since ETag {}", where, etag.orElseThrow());
                return new NotModified();
            }
            bytes += body.length;
            Page page = pages.read(body, number);
            if (number == 1) {
                firstEtag = pageEtag;
            }
            items.addAll(page.servers());
            if (items.size() > limits.maxEntries()) {
                throw RegistryException.badResponse(
                        where,
                        "lists more than " + String.format(Locale.ROOT, "%,d", limits.maxEntries()) + " servers",
                        null);
            }
            cursor = page.nextCursor();
            if (cursor.isEmpty()) {
                LOG.info("Fetched {} registry entries in {} page(s) from {}", items.size(), number, where);
                break;
            }
            if (!cursors.add(cursor.get())) {
                throw RegistryException.badResponse(where, "sends the same page again and again", null);
            }
        }
        byte[] document = pages.merge(items);
        try {
            Catalog catalog = reader.parse(document, RegistryException.subject(where));
            return new Fetched(catalog, document, firstEtag);
        } catch (CatalogException e) {
            throw new RegistryException(Kind.BAD_RESPONSE, e.getMessage(), "not a usable catalog", e);
        }
    }

    @Override
    public void close() {
        exchange.close();
    }

    /** One page, asked for again after failures that may pass, and once with a fresh token after a 401. */
    private Reply get(URI uri, Optional<String> ifNoneMatch, long maxBytes)
            throws RegistryException, InterruptedException {
        boolean refreshed = false;
        int failed = 0;
        while (true) {
            String token = token();
            switch (exchange.attempt(uri, token, ifNoneMatch, maxBytes)) {
                case Outcome.Done(Reply reply) -> {
                    return reply;
                }
                case Outcome.Unauthorized() -> {
                    tokens.rejected(token);
                    if (refreshed) {
                        LOG.warn("Registry {} refused a freshly refreshed token (HTTP 401)", where);
                        throw RegistryException.signInAgain(where);
                    }
                    LOG.info("Registry {} refused the access token (HTTP 401); refreshing it once", where);
                    refreshed = true;
                }
                case Outcome.Failed(String detail, Optional<Duration> retryAfter, Throwable cause) -> {
                    failed++;
                    if (failed >= retry.attempts()) {
                        LOG.warn("Registry {} unreachable after {} attempt(s): {}", where, failed, detail, cause);
                        throw RegistryException.unreachable(where, detail, cause);
                    }
                    Duration delay = retry.delay(failed, retryAfter);
                    LOG.info("Registry {} failed ({}); trying again in {} ms", where, detail, delay.toMillis());
                    retry.sleeper().sleep(delay);
                }
            }
        }
    }

    private String token() throws RegistryException {
        try {
            return tokens.accessToken();
        } catch (NotSignedInException e) {
            throw new RegistryException(Kind.SIGN_IN, e.getMessage(), "not signed in", e);
        }
    }
}
