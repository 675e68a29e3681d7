package dev.airlock.runtime.secrets;

import com.github.javakeyring.Keyring;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks where secrets are kept: the OS keychain when it demonstrably works, otherwise memory for
 * this run, with a sentence that tells the user what that means for them.
 */
public final class SecretStores {

    private static final Logger LOG = LoggerFactory.getLogger(SecretStores.class);

    /** How long opening the keychain and one write, read and delete may take together. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(10);

    private SecretStores() {}

    /** The OS keychain if it works within {@link #DEFAULT_PROBE_TIMEOUT}, else memory. */
    public static SecretStoreChoice choose() {
        return choose(Keyring::create, DEFAULT_PROBE_TIMEOUT);
    }

    /**
     * Opens the keychain and checks it with a throw-away entry under a random key: write, read back,
     * delete, and read again to see that a missing entry is recognised as missing. The whole check
     * runs on its own daemon thread and is abandoned after {@code probeTimeout}, because a D-Bus
     * call or an unseen unlock prompt can block for ever.
     */
    public static SecretStoreChoice choose(KeyringOpener opener, Duration probeTimeout) {
        CompletableFuture<Keyring> probe = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("airlock-keychain-probe").start(() -> {
            try {
                probe.complete(openAndCheck(opener));
            } catch (Throwable e) { // also LinkageError: a missing native library means "no keychain"
                probe.completeExceptionally(e);
            }
        });
        try {
            Keyring keyring = probe.get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            KeychainSecretStore store = new KeychainSecretStore(keyring);
            LOG.info("Secrets are kept in {}", store.description());
            return new SecretStoreChoice(store, Optional.empty());
        } catch (TimeoutException e) {
            // should the keychain answer after all, let go of it
            probe.thenAccept(SecretStores::closeQuietly);
            LOG.warn("The keychain did not answer within {} ms; keeping secrets in memory", probeTimeout.toMillis());
            return inMemory("Your computer's keychain did not answer, so you stay signed in only until Airlock quits."
                    + " If your keychain is locked, unlock it and start Airlock again.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProbeFailed failed) {
                LOG.warn("The keychain is not usable; keeping secrets in memory", failed.getCause());
                return inMemory("Your computer's keychain did not let Airlock save a test entry, so you stay signed in"
                        + " only until Airlock quits. If your keychain is locked, unlock it and start Airlock again.");
            }
            LOG.warn("No keychain can be opened; keeping secrets in memory: {}", cause.toString());
            LOG.debug("Keychain failure", cause);
            return inMemory("Your computer has no keychain Airlock can use (" + missingKeychain()
                    + "), so you stay signed in only until Airlock quits.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe.thenAccept(SecretStores::closeQuietly);
            return inMemory(
                    "Airlock did not finish checking your keychain, so you stay signed in only until it quits.");
        }
    }

    private static Keyring openAndCheck(KeyringOpener opener) throws Exception {
        Keyring keyring = opener.open();
        try {
            check(new KeychainEntries(keyring));
            return keyring;
        } catch (Exception | LinkageError e) {
            closeQuietly(keyring);
            throw new ProbeFailed(e);
        }
    }

    private static void check(KeychainEntries entries) throws Exception {
        String key = "probe-" + UUID.randomUUID();
        String value = UUID.randomUUID().toString();
        entries.write(key, value);
        try {
            if (!entries.read(key).filter(value::equals).isPresent()) {
                throw new IllegalStateException("the keychain did not return the test entry it just saved");
            }
        } finally {
            entries.remove(key);
        }
        if (entries.read(key).isPresent()) {
            throw new IllegalStateException("the keychain still returns the test entry after deleting it");
        }
    }

    private static SecretStoreChoice inMemory(String notice) {
        return new SecretStoreChoice(new MemorySecretStore(), Optional.of(notice));
    }

    private static String missingKeychain() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "Windows Credential Manager is not available";
        }
        if (os.contains("mac")) {
            return "the macOS Keychain is not available";
        }
        return "no Secret Service was found";
    }

    private static void closeQuietly(Keyring keyring) {
        try {
            keyring.close();
        } catch (Exception e) {
            LOG.debug("Closing the keychain connection failed", e);
        }
    }

    /** The keychain opened but did not work: a different message than "there is none". */
    private static final class ProbeFailed extends Exception {
        ProbeFailed(Throwable cause) {
            super(cause);
        }
    }
}
