package dev.airlock.runtime.secrets;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import dev.airlock.runtime.secrets.KeychainValue.Head;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets in the operating system's keychain (macOS Keychain, Windows Credential Manager, the
 * desktop's Secret Service on Linux) through java-keyring, as entries of the service "Airlock"
 * whose account name is the key.
 *
 * <p>Every call runs on one worker thread and is bounded in time: a keychain can block (a D-Bus
 * service that never answers, an unlock prompt no one sees), and a caller must get an error it can
 * show instead of hanging. One thread also keeps calls in order, since the backends do not promise
 * to be thread-safe. Obtain one through {@link SecretStores#choose()}, which first checks that the
 * keychain works.
 */
public final class KeychainSecretStore implements SecretStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeychainSecretStore.class);

    /** Long enough for a person to answer the keychain's "allow access?" prompt. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

    private final Keyring keyring;
    private final KeychainEntries entries;
    private final Duration callTimeout;
    private final String description;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("airlock-keychain").factory());

    /** Takes ownership of the keyring: {@link #close()} closes it. */
    public KeychainSecretStore(Keyring keyring, Duration callTimeout) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.entries = new KeychainEntries(keyring);
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.description = describe(keyring.getKeyringStorageType());
    }

    public KeychainSecretStore(Keyring keyring) {
        this(keyring, DEFAULT_CALL_TIMEOUT);
    }

    /** The keychain in plain words, as people know it on their computer. */
    static String describe(KeyringStorageType type) {
        return switch (type) {
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "the macOS Keychain";
            case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
            case GNOME_KEYRING -> "your desktop's keyring (Secret Service)";
            case KWALLET -> "KDE Wallet";
        };
    }

    @Override
    public Optional<String> get(String key) throws SecretStoreException {
        SecretKeys.check(key);
        return call("read a saved secret from", () -> {
            Optional<String> head = entries.read(key);
            if (head.isEmpty()) {
                return Optional.<String>empty();
            }
            return switch (KeychainValue.read(head.get())) {
                case Head.Whole(String value) -> Optional.of(value);
                case Head.Parts(int count) -> Optional.of(readParts(key, count));
            };
        });
    }

    private String readParts(String key, int count) throws Exception {
        StringBuilder value = new StringBuilder(count * KeychainValue.MAX_ENTRY_CHARS);
        for (int number = 1; number <= count; number++) {
            Optional<String> part = entries.read(KeychainValue.partName(key, number));
            if (part.isEmpty()) {
                throw new SecretStoreException(
                        "Part of a saved secret is missing from " + description + ". Sign in again to replace it.",
                        new IllegalStateException("keychain entry " + KeychainValue.partName(key, number)
                                + " is missing (" + count + " parts expected)"));
            }
            value.append(part.get());
        }
        return value.toString();
    }

    @Override
    public void put(String key, String value) throws SecretStoreException {
        SecretKeys.check(key);
        Objects.requireNonNull(value, "value");
        // split before touching the keychain, so a value that is too long changes nothing
        List<String> parts = KeychainValue.fitsOneEntry(value) ? List.of() : KeychainValue.split(value);
        call("save a secret in", () -> {
            int oldParts = entries.read(key).map(KeychainValue::partCount).orElse(0);
            if (parts.isEmpty()) {
                entries.write(key, KeychainValue.whole(value));
            } else {
                for (int i = 0; i < parts.size(); i++) {
                    entries.write(KeychainValue.partName(key, i + 1), parts.get(i));
                }
                entries.write(key, KeychainValue.parts(parts.size()));
            }
            removeParts(key, parts.size() + 1, oldParts); // left over from a longer value
            return null;
        });
    }

    @Override
    public void delete(String key) throws SecretStoreException {
        SecretKeys.check(key);
        call("remove a secret from", () -> {
            int parts = entries.read(key).map(KeychainValue::partCount).orElse(0);
            entries.remove(key);
            removeParts(key, 1, parts);
            return null;
        });
    }

    private void removeParts(String key, int from, int to) throws Exception {
        for (int number = from; number <= to; number++) {
            entries.remove(KeychainValue.partName(key, number));
        }
    }

    private <T> T call(String action, Callable<T> work) throws SecretStoreException {
        Future<T> result = worker.submit(work);
        try {
            return result.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a call that has not started yet must not run later, when no one waits for it
            result.cancel(true);
            LOG.warn("The keychain did not answer within {} s", callTimeout.toSeconds());
            throw new SecretStoreException(
                    capitalized(description) + " did not answer. If it asks to be unlocked, unlock it, then try again.",
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SecretStoreException known) {
                throw known;
            }
            // backend messages name the service and account, never the value
            LOG.warn("Keychain call failed: {}", cause.toString());
            throw new SecretStoreException("Airlock could not " + action + " " + description + ".", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new SecretStoreException("Airlock stopped waiting for " + description + ".", e);
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            keyring.close();
        } catch (Exception e) {
            LOG.debug("Closing the keychain connection failed", e);
        }
    }

    @Override
    public String toString() {
        return "KeychainSecretStore[" + description + "]";
    }
}
