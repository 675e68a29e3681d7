package dev.airlock.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javakeyring.BackendNotSupportedException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fallback to memory, with a keychain that is missing or never answers. */
@Timeout(30)
class SecretStoresTest {

    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void releaseHangingKeychain() {
        never.countDown();
    }

    @Test
    void withoutAKeychainSecretsStayInMemoryAndTheUserIsTold() {
        SecretStoreChoice choice = SecretStores.choose(
                () -> {
                    throw new BackendNotSupportedException("No available keyring backend found");
                },
                Duration.ofSeconds(5));

        assertThat(choice.store()).isInstanceOf(MemorySecretStore.class);
        assertThat(choice.store().persistent()).isFalse();
        assertThat(choice.notice())
                .hasValueSatisfying(notice -> assertThat(notice)
                        .startsWith("Your computer has no keychain Airlock can use (")
                        .endsWith("), so you stay signed in only until Airlock quits."));
    }

    @Test
    void aKeychainWhoseNativeLibraryIsMissingCountsAsNoKeychain() {
        SecretStoreChoice choice = SecretStores.choose(
                () -> {
                    throw new UnsatisfiedLinkError("libsecurity not found");
                },
                Duration.ofSeconds(5));

        assertThat(choice.store()).isInstanceOf(MemorySecretStore.class);
        assertThat(choice.notice())
                .hasValueSatisfying(notice -> assertThat(notice).contains("no keychain Airlock can use"));
    }

    @Test
    void aKeychainThatNeverAnswersIsGivenUpAfterTheTimeout() {
        long started = System.nanoTime();

        SecretStoreChoice choice = SecretStores.choose(
                () -> {
                    try {
                        never.await(); // a D-Bus call that never returns
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new BackendNotSupportedException("released");
                },
                Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(choice.store()).isInstanceOf(MemorySecretStore.class);
        assertThat(choice.notice())
                .hasValueSatisfying(notice ->
                        assertThat(notice).contains("keychain did not answer").contains("only until Airlock quits"));
    }

    @Test
    void theFallbackStoreWorks() throws Exception {
        SecretStore store = SecretStores.choose(
                        () -> {
                            throw new BackendNotSupportedException("none");
                        },
                        Duration.ofSeconds(5))
                .store();

        store.put("refresh-token", "value");

        assertThat(store.get("refresh-token")).contains("value");
    }
}
