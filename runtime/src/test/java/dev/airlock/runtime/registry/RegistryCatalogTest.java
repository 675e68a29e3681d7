package dev.airlock.runtime.registry;

import static dev.airlock.runtime.registry.Pages.entry;
import static dev.airlock.runtime.registry.Pages.entryForRoles;
import static dev.airlock.runtime.registry.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airlock.runtime.auth.SignedInUser;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.registry.CatalogResult.Origin;
import dev.airlock.runtime.registry.RegistryException.Kind;
import dev.airlock.runtime.registry.TestRegistry.Reply;
import dev.airlock.runtime.registry.TestRegistry.Seen;
import dev.airlock.runtime.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog as the UI gets it: fresh, confirmed unchanged, or the last good one when the registry is away. */
class RegistryCatalogTest {

    private static final RegistryFileReader READER = new RegistryFileReader();
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final SignedInUser ENGINEER =
            new SignedInUser("user-1", "Eve Engineer", "eve@example.com", Set.of("engineering"));
    private static final SignedInUser ACCOUNTANT =
            new SignedInUser("user-2", "Al Accountant", "al@example.com", Set.of("finance"));
    private static final String CATALOG = page(
            null,
            entry("io.github.acme/weather"),
            entryForRoles("io.github.acme/github", "engineering"),
            entryForRoles("io.github.acme/ledger", "finance"));

    @TempDir
    Path state;

    private final InMemorySecrets secrets = new InMemorySecrets();
    private final MutableClock clock = new MutableClock(START);
    private final FakeTokens tokens = new FakeTokens();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private volatile Function<Seen, Reply> answer = seen -> Reply.json(CATALOG).header("ETag", "\"v1\"");
    private TestRegistry registry;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void aFreshCatalogIsFilteredByTheUsersRolesAndSaved() throws Exception {
        CatalogResult result = catalog().refresh(ENGINEER);

        assertThat(result.origin()).isEqualTo(Origin.FRESH);
        assertThat(shortNames(result)).containsExactly("weather", "github");
        assertThat(result.fetchedAt()).isEqualTo(START);
        assertThat(result.age()).isZero();
        assertThat(result.warning()).isEmpty();
        assertThat(Files.exists(state.resolve(CatalogCache.FILE_NAME))).isTrue();
    }

    @Test
    void theRegistryDecidesAndTheClientFiltersToo() throws Exception {
        assertThat(shortNames(catalog().refresh(ACCOUNTANT))).containsExactly("weather", "ledger");
    }

    @Test
    void anUnchangedCatalogIsConfirmedWithoutReadingItAgain() throws Exception {
        answer = seen -> "\"v1\"".equals(seen.ifNoneMatch())
                ? Reply.status(304)
                : Reply.json(CATALOG).header("ETag", "\"v1\"");
        RegistryCatalog catalog = catalog();
        CatalogResult first = catalog.refresh(ENGINEER);
        clock.advance(Duration.ofMinutes(15));

        CatalogResult second = catalog.refresh(ENGINEER);

        assertThat(second.origin()).isEqualTo(Origin.NOT_MODIFIED);
        // Not parsed again: the very same entries (a parse would make equal, but new, ones).
        assertThat(second.catalog().entries())
                .usingElementComparator((a, b) -> a == b ? 0 : 1)
                .containsExactlyElementsOf(first.catalog().entries());
        assertThat(second.fetchedAt()).isEqualTo(START.plus(Duration.ofMinutes(15)));
        assertThat(registry.requests()).extracting(Seen::ifNoneMatch).containsExactly(null, "\"v1\"");
    }

    @Test
    void aChangedCatalogReplacesTheOldOne() throws Exception {
        RegistryCatalog catalog = catalog();
        catalog.refresh(ENGINEER);
        answer = seen -> Reply.json(page(null, entry("io.github.acme/notes"))).header("ETag", "\"v2\"");

        CatalogResult result = catalog.refresh(ENGINEER);

        assertThat(result.origin()).isEqualTo(Origin.FRESH);
        assertThat(shortNames(result)).containsExactly("notes");
    }

    @Test
    void anOfflineStartShowsTheSavedCatalogWithItsAge() throws Exception {
        catalog().refresh(ENGINEER); // an earlier run, with the registry up
        answer = seen -> Reply.status(503);
        clock.advance(Duration.ofHours(2));

        CatalogResult result = catalog().refresh(ENGINEER); // a new run

        assertThat(result.origin()).isEqualTo(Origin.CACHED);
        assertThat(result.cached()).isTrue();
        assertThat(shortNames(result)).containsExactly("weather", "github");
        assertThat(result.fetchedAt()).isEqualTo(START);
        assertThat(result.age()).isEqualTo(Duration.ofHours(2));
        assertThat(result.warning())
                .contains("Showing your catalog from 2 hours ago; the company catalog can't be reached (HTTP 503)."
                        + " Airlock will try again.");
    }

    @Test
    void aStartWithTheRegistryUpConfirmsTheSavedCatalog() throws Exception {
        catalog().refresh(ENGINEER);
        answer = seen -> "\"v1\"".equals(seen.ifNoneMatch()) ? Reply.status(304) : Reply.status(500);
        clock.advance(Duration.ofDays(1));

        CatalogResult result = catalog().refresh(ENGINEER); // a new run, with the saved ETag

        assertThat(result.origin()).isEqualTo(Origin.NOT_MODIFIED);
        assertThat(shortNames(result)).containsExactly("weather", "github");
        assertThat(result.fetchedAt()).isEqualTo(clock.instant());
        // ...and the saved catalog now counts from today.
        answer = seen -> Reply.status(503);
        clock.advance(Duration.ofMinutes(5));
        assertThat(catalog().refresh(ENGINEER).warning())
                .hasValueSatisfying(w -> assertThat(w).contains("5 minutes ago"));
    }

    @Test
    void anUnusableAnswerAlsoFallsBackAndSaysWhy() throws Exception {
        RegistryCatalog catalog = catalog();
        catalog.refresh(ENGINEER);
        answer = seen -> Reply.json("<html>Hotel Wi-Fi: please sign in</html>");
        clock.advance(Duration.ofMinutes(1));

        CatalogResult result = catalog.refresh(ENGINEER);

        assertThat(result.origin()).isEqualTo(Origin.CACHED);
        assertThat(result.warning())
                .contains("Showing your catalog from 1 minute ago. Your company's server catalog at " + registry.base()
                        + " sent a page that is not valid JSON (page 1). Ask your IT team to check the registry.");
    }

    @Test
    void withNothingSavedAnUnreachableRegistryIsAnError() throws Exception {
        answer = seen -> Reply.status(503);

        RegistryException e =
                catchThrowableOfType(RegistryException.class, () -> catalog().refresh(ENGINEER));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).endsWith("(HTTP 503). It will try again.");
    }

    @Test
    void aTamperedCacheIsNeverShown() throws Exception {
        catalog().refresh(ENGINEER);
        Path file = state.resolve(CatalogCache.FILE_NAME);
        // Someone grants themselves a server: the seal no longer matches.
        Files.writeString(file, Files.readString(file).replace("\"engineering\"", "\"finance\""));
        answer = seen -> Reply.status(503);

        try (LogCapture log = new LogCapture(CatalogCache.class)) {
            RegistryException e = catchThrowableOfType(
                    RegistryException.class, () -> catalog().refresh(ENGINEER));

            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(log.warnings())
                    .containsExactly("The saved catalog was ignored: it was changed after Airlock saved it"
                            + " (its seal does not match). (" + file + ")");
        }
    }

    @Test
    void aCacheWhoseKeyIsGoneIsNeverShown() throws Exception {
        catalog().refresh(ENGINEER);
        secrets.delete(CatalogCache.KEY_NAME);
        answer = seen -> Reply.status(503);

        try (LogCapture log = new LogCapture(CatalogCache.class)) {
            assertThat(catchThrowableOfType(
                            RegistryException.class, () -> catalog().refresh(ENGINEER)))
                    .isNotNull();
            assertThat(log.warnings())
                    .singleElement()
                    .asString()
                    .contains("the key that proves it unchanged is missing");
        }
    }

    @Test
    void anotherAccountNeverSeesTheSavedCatalog() throws Exception {
        catalog().refresh(ENGINEER);
        answer = seen -> Reply.status(503);

        RegistryException e =
                catchThrowableOfType(RegistryException.class, () -> catalog().refresh(ACCOUNTANT));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    }

    @Test
    void aRefusedSignInIsNotCoveredByTheSavedCatalog() throws Exception {
        RegistryCatalog catalog = catalog();
        catalog.refresh(ENGINEER);
        answer = seen -> Reply.status(401);

        RegistryException e = catchThrowableOfType(RegistryException.class, () -> catalog.refresh(ENGINEER));

        assertThat(e.kind()).isEqualTo(Kind.SIGN_IN);
        assertThat(tokens.rejected()).containsExactly("token-1", "token-2");
    }

    @Test
    void aRefusalByTheRegistryIsNotCoveredByTheSavedCatalog() throws Exception {
        RegistryCatalog catalog = catalog();
        catalog.refresh(ENGINEER);
        answer = seen -> Reply.status(403);

        assertThat(catchThrowableOfType(RegistryException.class, () -> catalog.refresh(ENGINEER))
                        .kind())
                .isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void aLockedKeychainDoesNotStopAFreshCatalog() throws Exception {
        secrets.fail();

        CatalogResult result = catalog().refresh(ENGINEER);

        assertThat(result.origin()).isEqualTo(Origin.FRESH);
        assertThat(Files.exists(state.resolve(CatalogCache.FILE_NAME))).isFalse();
    }

    private RegistryCatalog catalog() throws Exception {
        if (registry == null) {
            registry = new TestRegistry((seen, n) -> answer.apply(seen));
            closing.add(registry);
        }
        RetryPolicy noWaiting = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), d -> {});
        RegistryClient client = new RegistryClient(registry.base(), tokens, READER, FetchLimits.DEFAULT, noWaiting);
        closing.add(client);
        return new RegistryCatalog(client, new CatalogCache(state, secrets), READER, clock);
    }

    private static List<String> shortNames(CatalogResult result) {
        return result.catalog().entries().stream().map(CatalogEntry::shortName).toList();
    }
}
