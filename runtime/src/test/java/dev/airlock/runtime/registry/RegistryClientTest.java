package dev.airlock.runtime.registry;

import static dev.airlock.runtime.registry.Pages.entry;
import static dev.airlock.runtime.registry.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.registry.FetchResult.Fetched;
import dev.airlock.runtime.registry.FetchResult.NotModified;
import dev.airlock.runtime.registry.RegistryException.Kind;
import dev.airlock.runtime.registry.TestRegistry.Reply;
import dev.airlock.runtime.registry.TestRegistry.Seen;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RegistryClientTest {

    private static final RegistryFileReader READER = new RegistryFileReader();

    private final FakeTokens tokens = new FakeTokens();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), sleeps::add);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void followsEveryPageWithTheTokenAndTheCursorAndReadsThemAsOneList() throws Exception {
        String secondCursor = "page 2/+=&x"; // opaque: it must come back exactly as sent
        TestRegistry registry = registry((request, n) -> switch (n) {
            case 1 ->
                Reply.json(page(secondCursor, entry("io.github.acme/weather"), entry("io.github.acme/notes")))
                        .header("ETag", "\"v1\"");
            case 2 -> Reply.json(page("c3", entry("io.github.acme/files")));
            default -> Reply.json(page(null, entry("io.github.other/weather"), entry("io.github.acme/time")));
        });

        Fetched fetched = (Fetched) client(registry).fetch(Optional.empty());

        // One reading of all pages: the two "weather" servers on pages 1 and 3 take their namespaces.
        assertThat(fetched.catalog().entries())
                .extracting(CatalogEntry::name, CatalogEntry::shortName)
                .containsExactly(
                        tuple("io.github.acme/weather", "acme-weather"),
                        tuple("io.github.acme/notes", "notes"),
                        tuple("io.github.acme/files", "files"),
                        tuple("io.github.other/weather", "other-weather"),
                        tuple("io.github.acme/time", "time"));
        assertThat(fetched.catalog().entries()).allMatch(CatalogEntry::available);
        assertThat(fetched.etag()).contains("\"v1\"");
        assertThat(registry.requests())
                .extracting(Seen::path, Seen::authorization, Seen::cursor)
                .containsExactly(
                        tuple("/registry/v0.1/servers", "Bearer token-1", null),
                        tuple("/registry/v0.1/servers", "Bearer token-1", secondCursor),
                        tuple("/registry/v0.1/servers", "Bearer token-1", "c3"));
        assertThat(registry.requests()).allSatisfy(seen -> {
            assertThat(seen.query()).containsEntry("version", "latest").containsEntry("limit", "100");
            assertThat(seen.ifNoneMatch()).isNull();
        });
        // The merged document is the registry's own shape, for the cache.
        JsonNode document = Json.mapper().readTree(fetched.document());
        assertThat(document.path("servers").size()).isEqualTo(5);
    }

    @Test
    void theSameServerOnTwoPagesIsListedTwice() throws Exception {
        TestRegistry registry = registry((request, n) -> n == 1
                ? Reply.json(page("c2", entry("io.github.acme/weather")))
                : Reply.json(page(null, entry("io.github.acme/weather"))));

        Catalog catalog = ((Fetched) client(registry).fetch(Optional.empty())).catalog();

        assertThat(catalog.entries()).extracting(CatalogEntry::available).containsExactly(true, false);
    }

    @Test
    void aServerErrorIsAskedAgainAfterABackoff() throws Exception {
        TestRegistry registry = registry(
                (request, n) -> n == 1 ? Reply.status(500) : Reply.json(page(null, entry("io.github.acme/weather"))));

        Fetched fetched = (Fetched) client(registry).fetch(Optional.empty());

        assertThat(fetched.catalog().entries())
                .extracting(CatalogEntry::shortName)
                .containsExactly("weather");
        assertThat(registry.requests()).hasSize(2).allMatch(seen -> "Bearer token-1".equals(seen.authorization()));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aRegistryThatStaysDownGivesAClearMessageAfterBoundedRetries() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.status(503));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.lastCatalogStillValid()).isTrue();
        assertThat(e.getMessage())
                .isEqualTo("Airlock cannot reach your company's server catalog at " + registry.base()
                        + " (HTTP 503). It will try again.");
        assertThat(registry.requests()).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retryAfterLengthensTheWaitButNeverBeyondTheBound() throws Exception {
        TestRegistry registry = registry((request, n) -> switch (n) {
            case 1 -> Reply.status(503).header("Retry-After", "5");
            case 2 -> Reply.status(429).header("Retry-After", "3600");
            default -> Reply.json(page(null, entry("io.github.acme/weather")));
        });

        client(registry).fetch(Optional.empty());

        assertThat(sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(8));
    }

    @Test
    void noListenerIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        RegistryClient client = client(nowhere, FetchLimits.DEFAULT);

        RegistryException e = failure(() -> client.fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("cannot reach", nowhere.toString(), "(no connection)");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aRegistryThatNeverAnswersTimesOut() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.noAnswer());
        FetchLimits limits = new FetchLimits(
                RegistryFileReader.MAX_BYTES, 100, 2_000, Duration.ofSeconds(5), Duration.ofMillis(300));

        RegistryException e = failure(() -> client(registry.base(), limits).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("(no answer within 300 ms)");
        assertThat(registry.requests()).hasSize(3);
    }

    @Test
    void aMalformedEntryIsUnavailableAndTheOthersAreFine() throws Exception {
        String broken = "{\"server\": {\"name\": \"io.github.acme/broken\", \"version\": \"1.0.0\"}}";
        TestRegistry registry = registry((request, n) ->
                Reply.json(page(null, entry("io.github.acme/weather"), broken, entry("io.github.acme/notes"))));

        Catalog catalog = ((Fetched) client(registry).fetch(Optional.empty())).catalog();

        assertThat(catalog.entries())
                .extracting(CatalogEntry::shortName, CatalogEntry::availability)
                .containsExactly(
                        tuple("weather", Availability.available()),
                        tuple(
                                "broken",
                                Availability.unavailable("The registry entry is invalid: it has no 'description'.")),
                        tuple("notes", Availability.available()));
    }

    @Test
    void anEntryWithATenMegabyteDescriptionIsUnavailableAndTheOthersAreShown() throws Exception {
        String huge = entry("io.github.acme/huge", "x".repeat(10 * 1024 * 1024), null);
        TestRegistry registry = registry((request, n) ->
                Reply.json(page(null, entry("io.github.acme/weather"), huge, entry("io.github.acme/notes"))));

        Catalog catalog = ((Fetched) client(registry).fetch(Optional.empty())).catalog();

        assertThat(catalog.entries())
                .extracting(CatalogEntry::shortName, CatalogEntry::available)
                .containsExactly(tuple("weather", true), tuple("huge", false), tuple("notes", true));
        CatalogEntry rejected = catalog.find("huge").orElseThrow();
        assertThat(rejected.availability())
                .isEqualTo(Availability.unavailable(
                        "The registry entry is invalid: 'description' is longer than 4,096 characters."));
        assertThat(rejected.description()).isEmpty();
    }

    @Test
    void aRejectedTokenIsRefreshedOnce() throws Exception {
        TestRegistry registry = registry((request, n) -> "Bearer token-1".equals(request.authorization())
                ? Reply.status(401)
                : Reply.json(page(null, entry("io.github.acme/weather"))));

        Fetched fetched = (Fetched) client(registry).fetch(Optional.empty());

        assertThat(fetched.catalog().entries()).hasSize(1);
        assertThat(tokens.rejected()).containsExactly("token-1");
        assertThat(registry.requests())
                .extracting(Seen::authorization)
                .containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aSecondRefusalAsksTheUserToSignInAgain() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.status(401));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.SIGN_IN);
        assertThat(e.lastCatalogStillValid()).isFalse();
        assertThat(e.getMessage())
                .isEqualTo("Your company's server catalog at " + registry.base()
                        + " did not accept your sign-in. Sign in to Airlock again.");
        assertThat(tokens.rejected()).containsExactly("token-1", "token-2");
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void nobodySignedInAsksNothingOfTheRegistry() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.json(page(null)));
        tokens.signOut();

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.SIGN_IN);
        assertThat(e.getMessage())
                .isEqualTo("You are not signed in. Sign in to Airlock to see your company's servers.");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void forbiddenIsNotRetried() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.status(403));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(e.getMessage())
                .contains("does not let your account see it (HTTP 403). Ask your IT team for access.");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void aWrongAddressSaysSo() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.status(404));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).startsWith("Airlock found no server catalog at " + registry.base() + " (HTTP 404).");
    }

    @Test
    void aRedirectIsNotFollowedWithTheToken() throws Exception {
        TestRegistry registry =
                registry((request, n) -> Reply.status(302).header("Location", "http://127.0.0.1:1/elsewhere"));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("sends Airlock to another address (HTTP 302)");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void notModifiedKeepsWhatAirlockHolds() throws Exception {
        TestRegistry registry = registry((request, n) -> "\"v1\"".equals(request.ifNoneMatch())
                ? Reply.status(304)
                : Reply.json(page(null, entry("io.github.acme/weather"))).header("ETag", "\"v2\""));
        RegistryClient client = client(registry);

        assertThat(client.fetch(Optional.of("\"v1\""))).isEqualTo(new NotModified());
        assertThat(((Fetched) client.fetch(Optional.of("\"v0\""))).etag()).contains("\"v2\"");
        assertThat(registry.requests()).extracting(Seen::ifNoneMatch).containsExactly("\"v1\"", "\"v0\"");
    }

    @Test
    void notModifiedUnaskedIsABadAnswer() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.status(304));

        assertThat(failure(() -> client(registry).fetch(Optional.empty())).kind())
                .isEqualTo(Kind.BAD_RESPONSE);
    }

    @Test
    void aPageThatIsNotJsonNamesThePage() throws Exception {
        TestRegistry registry = registry((request, n) -> n == 1
                ? Reply.json(page("c2", entry("io.github.acme/weather")))
                : Reply.json("<html>Sign in to Wi-Fi</html>"));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage())
                .isEqualTo("Your company's server catalog at " + registry.base()
                        + " sent a page that is not valid JSON (page 2). Ask your IT team to check the registry.");
    }

    @Test
    void aKeyGivenTwiceOnAPageIsRefusedAsTheFileReaderRefusesIt() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.json("{\"servers\": [], \"servers\": []}"));

        assertThat(failure(() -> client(registry).fetch(Optional.empty())).getMessage())
                .contains("not valid JSON");
    }

    @Test
    void aPageLargerThanTheReaderAcceptsIsNotRead() throws Exception {
        byte[] oversized = new byte[(int) RegistryFileReader.MAX_BYTES + 1];
        Arrays.fill(oversized, (byte) ' ');
        TestRegistry registry = registry((request, n) -> new Reply(200, Map.of(), oversized, 0, false));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("is larger than 16 MiB, more than Airlock accepts");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void aStreamedPageStopsBeingReadAtTheLimit() throws Exception {
        long total = 64L * 1024 * 1024;
        TestRegistry registry = registry((request, n) -> Reply.streamed(total));
        FetchLimits limits = new FetchLimits(256 * 1024, 100, 2_000, Duration.ofSeconds(5), Duration.ofSeconds(20));

        RegistryException e = failure(() -> client(registry.base(), limits).fetch(Optional.empty()));

        assertThat(e.getMessage()).contains("is larger than 262,144 bytes");
        assertThat(registry.requests()).hasSize(1);
        // The client hung up: the registry could not write the whole stream.
        await().untilAsserted(() -> assertThat(registry.streamedBytes()).isLessThan(total));
    }

    @Test
    void theLimitHoldsForAllPagesTogether() throws Exception {
        String padding = " ".repeat(40 * 1024);
        TestRegistry registry =
                registry((request, n) -> Reply.json(page("c" + (n + 1), entry("io.github.acme/s" + n)) + padding));
        FetchLimits limits = new FetchLimits(100 * 1024, 100, 2_000, Duration.ofSeconds(5), Duration.ofSeconds(20));

        RegistryException e = failure(() -> client(registry.base(), limits).fetch(Optional.empty()));

        assertThat(e.getMessage()).contains("is larger than 102,400 bytes");
        assertThat(registry.requests()).hasSize(3);
    }

    @Test
    void atMostOneHundredPagesAreFollowed() throws Exception {
        TestRegistry registry =
                registry((request, n) -> Reply.json(page("c" + (n + 1), entry("io.github.acme/s" + n))));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("has more than 100 pages");
        assertThat(registry.requests()).hasSize(100);
    }

    @Test
    void atMostTwoThousandEntriesAreAccepted() throws Exception {
        TestRegistry registry = registry((request, n) -> {
            String[] entries = new String[100];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = entry("io.github.acme/s" + n + "-" + i);
            }
            return Reply.json(page("c" + (n + 1), entries));
        });

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.getMessage()).contains("lists more than 2,000 servers");
        assertThat(registry.requests()).hasSize(21);
    }

    @Test
    void aCursorThatComesBackEndsTheFetch() throws Exception {
        TestRegistry registry = registry((request, n) -> Reply.json(page("same", entry("io.github.acme/s" + n))));

        RegistryException e = failure(() -> client(registry).fetch(Optional.empty()));

        assertThat(e.getMessage()).contains("sends the same page again and again");
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void theTokenIsNeverSentInClear() {
        assertThatThrownBy(() -> new RegistryClient(URI.create("http://registry.example.com"), tokens, READER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> new RegistryClient(URI.create("https://user@registry.example.com"), tokens, READER))
                .isInstanceOf(IllegalArgumentException.class);
        new RegistryClient(URI.create("https://registry.example.com/mcp"), tokens, READER).close();
    }

    private TestRegistry registry(TestRegistry.Script script) throws Exception {
        TestRegistry registry = new TestRegistry(script);
        closing.add(registry);
        return registry;
    }

    private RegistryClient client(TestRegistry registry) {
        return client(registry.base(), FetchLimits.DEFAULT);
    }

    private RegistryClient client(URI base, FetchLimits limits) {
        RegistryClient client = new RegistryClient(base, tokens, READER, limits, retry);
        closing.add(client);
        return client;
    }

    private static RegistryException failure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RegistryException.class);
        return (RegistryException) thrown;
    }
}
