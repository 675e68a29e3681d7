package dev.airlock.runtime.company;

import dev.airlock.runtime.auth.SessionEvent;
import dev.airlock.runtime.auth.SignInAttempt;
import dev.airlock.runtime.auth.SignInException;
import dev.airlock.runtime.auth.SignInManager;
import dev.airlock.runtime.auth.SignInProgress;
import dev.airlock.runtime.auth.SignedInUser;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogException;
import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.registry.Ages;
import dev.airlock.runtime.registry.CacheLoad;
import dev.airlock.runtime.registry.CatalogCache;
import dev.airlock.runtime.registry.CatalogResult;
import dev.airlock.runtime.registry.RegistryCatalog;
import dev.airlock.runtime.registry.RegistryException;
import dev.airlock.runtime.registry.RoleFilter;
import dev.airlock.runtime.server.ServerManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's company: who is signed in, and the catalog their roles may use, kept current. At start
 * the last catalog (cached for the last user) is shown at once, so Airlock works offline; the saved
 * sign-in is then restored without the browser, and the catalog refreshed from the registry.
 * Signing out stops the servers and forgets the catalog.
 */
public final class CompanyConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompanyConnection.class);
    static final Duration REFRESH_EVERY = Duration.ofMinutes(15);
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    /** What the company side looks like now, for status displays. */
    public record Status(
            CompanySetup company,
            Optional<SignedInUser> user,
            Optional<CatalogResult.Origin> catalogOrigin,
            Optional<Instant> catalogFetchedAt,
            Optional<String> message) {}

    private final CompanySetup company;
    private final SignInManager signIn;
    private final RegistryCatalog catalogs;
    private final CatalogCache cache;
    private final LastUser lastUser;
    private final ServerManager servers;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("company-refresh").factory());
    private volatile CatalogResult lastResult;
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile String problem;

    public CompanyConnection(
            CompanySetup company,
            SignInManager signIn,
            RegistryCatalog catalogs,
            CatalogCache cache,
            LastUser lastUser,
            ServerManager servers,
            Clock clock) {
        this.company = company;
        this.signIn = signIn;
        this.catalogs = catalogs;
        this.cache = cache;
        this.lastUser = lastUser;
        this.servers = servers;
        this.clock = clock;
        signIn.addListener(this::sessionChanged);
    }

    /** Shows the last known catalog, then restores the sign-in and refreshes in the background. */
    public void start() {
        showCachedCatalog();
        scheduler.execute(this::restoreAndRefresh);
        scheduler.scheduleWithFixedDelay(
                this::check, CHECK_EVERY.toSeconds(), CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Signs in through the browser and waits for the outcome, then fetches the user's catalog.
     *
     * @throws SignInException with a message for people when sign-in fails, is cancelled or times out
     */
    public SignedInUser signIn(Consumer<SignInProgress> progress) throws SignInException, InterruptedException {
        SignInAttempt attempt = signIn.signIn(progress);
        SignedInUser user;
        try {
            user = attempt.result().get();
        } catch (InterruptedException e) {
            attempt.cancel();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SignInException signInFailure) {
                throw signInFailure;
            }
            throw new IllegalStateException("Sign-in failed unexpectedly", e.getCause());
        }
        refresh(user);
        return user;
    }

    /** Signs out: servers stop, and the catalog, its cache and the remembered user are forgotten. */
    public void signOut() {
        signIn.signOut();
    }

    public Optional<SignedInUser> user() {
        return signIn.user();
    }

    public CompanySetup company() {
        return company;
    }

    public Status status() {
        CatalogResult result = lastResult;
        String message = problem;
        if (message == null && result != null) {
            message = result.warning().orElse(null);
        }
        if (message == null && signIn.user().isEmpty()) {
            message = "Sign in with your %s account to see the tools you may use.".formatted(company.name());
        }
        return new Status(
                company,
                signIn.user(),
                Optional.ofNullable(result).map(CatalogResult::origin),
                Optional.ofNullable(result).map(CatalogResult::fetchedAt),
                Optional.ofNullable(message));
    }

    /** Fetches the catalog now; problems are kept for {@link #status()} and the current catalog stays. */
    public void refreshNow() {
        signIn.user().ifPresent(this::refresh);
    }

    private void restoreAndRefresh() {
        try {
            Optional<SignedInUser> user = signIn.restore();
            user.ifPresentOrElse(this::refresh, () -> LOG.info("No saved sign-in: waiting for the user to sign in"));
        } catch (SignInException e) {
            problem = e.getMessage();
            LOG.info("Could not restore the saved sign-in: {}", e.getMessage());
        }
    }

    /** Every minute: a restore that failed is tried again, and a catalog older than the period is refreshed. */
    private void check() {
        try {
            Optional<SignedInUser> user = signIn.user();
            if (user.isEmpty() && lastUser.load().isPresent()) {
                restoreAndRefresh();
            } else if (user.isPresent()
                    && (problem != null
                            || Duration.between(lastAttempt, clock.instant()).compareTo(REFRESH_EVERY) >= 0)) {
                refresh(user.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("The catalog refresh failed", e);
        }
    }

    private synchronized void refresh(SignedInUser user) {
        lastAttempt = clock.instant();
        try {
            CatalogResult result = catalogs.refresh(user);
            lastResult = result;
            problem = null;
            lastUser.save(user);
            if (result.origin() != CatalogResult.Origin.NOT_MODIFIED
                    || servers.catalog().entries().isEmpty()) {
                servers.replaceCatalog(result.catalog());
            }
        } catch (RegistryException e) {
            problem = e.getMessage();
            LOG.warn("The company catalog could not be refreshed: {} ({})", e.getMessage(), e.detail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** At start, before anyone has signed in: the last user's catalog, when its cache is intact. */
    private void showCachedCatalog() {
        Optional<LastUser.Known> known = lastUser.load();
        if (known.isEmpty()) {
            return;
        }
        switch (cache.load(known.get().subject())) {
            case CacheLoad.Loaded loaded -> {
                try {
                    Catalog catalog =
                            new RegistryFileReader().parse(loaded.cached().document(), "The saved catalog");
                    servers.replaceCatalog(
                            RoleFilter.forRoles(catalog, known.get().roles()));
                    problem = "Showing the catalog saved %s; Airlock is connecting to %s."
                            .formatted(
                                    Ages.ago(Duration.between(loaded.cached().fetchedAt(), clock.instant())),
                                    company.name());
                } catch (CatalogException e) {
                    LOG.warn("The saved catalog cannot be read: {}", e.getMessage());
                }
            }
            case CacheLoad.Ignored ignored -> LOG.warn("The saved catalog was not used: {}", ignored.message());
            case CacheLoad.Absent absent -> {}
        }
    }

    private void sessionChanged(SessionEvent event) {
        if (event instanceof SessionEvent.SignedOut signedOut) {
            LOG.info(
                    "Signed out ({}): stopping servers and forgetting the catalog",
                    signedOut.byUser() ? "by the user" : "by the provider");
            lastResult = null;
            problem = signedOut.byUser() ? null : signedOut.message();
            lastUser.forget();
            cache.delete();
            servers.replaceCatalog(Catalog.EMPTY);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        signIn.close();
    }
}
