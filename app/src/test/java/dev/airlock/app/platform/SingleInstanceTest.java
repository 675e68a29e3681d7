package dev.airlock.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlServer;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.state.StateDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A second launch hands over to the running Airlock and exits. */
@Timeout(60)
class SingleInstanceTest {

    @TempDir
    Path dir;

    private ControlServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private StateDirectory state() {
        return StateDirectory.at(dir).create();
    }

    private void startServer(Runnable onFocus) throws Exception {
        server = new ControlServer(state(), new InMemoryEngineControl(), "1.0", onFocus);
        server.start();
    }

    @Test
    void theRunningWindowIsAskedToComeToTheFront() throws Exception {
        var focused = new AtomicInteger();
        startServer(focused::incrementAndGet);

        SingleInstance.HandOver handOver = new SingleInstance(new ControlClient(state())).handOver();

        assertThat(handOver.kind()).isEqualTo(SingleInstance.HandOver.Kind.FOCUSED);
        assertThat(handOver.exitCode()).isZero();
        assertThat(focused).hasValue(1);
    }

    @Test
    void aDaemonWithoutAWindowIsReported() throws Exception {
        startServer(null);

        SingleInstance.HandOver handOver = new SingleInstance(new ControlClient(state())).handOver();

        assertThat(handOver.kind()).isEqualTo(SingleInstance.HandOver.Kind.NO_WINDOW);
        assertThat(handOver.exitCode()).isEqualTo(1);
        assertThat(handOver.message()).contains("airlock daemon");
    }

    @Test
    void anInstanceStillStartingIsWaitedFor() throws Exception {
        var focused = new AtomicInteger();
        var later = CompletableFuture.runAsync(
                () -> {
                    try {
                        startServer(focused::incrementAndGet);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS));

        SingleInstance.HandOver handOver =
                new SingleInstance(new ControlClient(state()), Duration.ofSeconds(20)).handOver();
        later.join();

        assertThat(handOver.kind()).isEqualTo(SingleInstance.HandOver.Kind.FOCUSED);
        assertThat(focused).hasValue(1);
    }

    @Test
    void anInstanceThatNeverAnswersIsGivenUpOn() {
        long started = System.nanoTime();

        SingleInstance.HandOver handOver =
                new SingleInstance(new ControlClient(state()), Duration.ofMillis(600)).handOver();

        assertThat(handOver.kind()).isEqualTo(SingleInstance.HandOver.Kind.NO_ANSWER);
        assertThat(handOver.exitCode()).isEqualTo(1);
        assertThat(handOver.message()).startsWith("Another Airlock is running but does not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
