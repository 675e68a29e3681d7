package dev.airlock.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.state.StateDirectory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A second desktop app asks the first to show its window: {@code focus}. */
@Timeout(60)
class ControlFocusTest {

    @TempDir
    Path dir;

    private ControlServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private StateDirectory start(Runnable onFocus) throws Exception {
        StateDirectory state = StateDirectory.at(dir).create();
        server = onFocus == null
                ? new ControlServer(state, new InMemoryEngineControl(), "1.2.3")
                : new ControlServer(state, new InMemoryEngineControl(), "1.2.3", onFocus);
        server.start();
        return state;
    }

    @Test
    void focusRunsTheWindowsCallbackOncePerRequest() throws Exception {
        var focused = new AtomicInteger();
        var client = new ControlClient(start(focused::incrementAndGet));

        client.focus();
        client.focus();

        assertThat(focused).hasValue(2);
    }

    @Test
    void onTheWireFocusAnswersAnEmptyObject() throws Exception {
        var focused = new AtomicInteger();
        StateDirectory state = start(focused::incrementAndGet);

        try (var connection = new RawConnection(state.controlSocket())) {
            JsonNode answer = connection.exchange("{\"command\":\"focus\"}");

            assertThat(answer.toString()).isEqualTo("{\"ok\":true,\"result\":{}}");
        }
        assertThat(focused).hasValue(1);
    }

    @Test
    void anInstanceWithoutAWindowSaysSo() throws Exception {
        var client = new ControlClient(start(null));

        assertThatThrownBy(client::focus)
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("no_window"))
                .hasMessageContaining("without a window");
        assertThat(client.ping()).isEqualTo("1.2.3"); // the instance is there all the same
    }

    @Test
    void aFailingCallbackIsAnInternalErrorAndTheServerKeepsServing() throws Exception {
        var client = new ControlClient(start(() -> {
            throw new IllegalStateException("the window is gone");
        }));

        assertThatThrownBy(client::focus)
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("internal"))
                .message()
                .doesNotContain("the window is gone");
        assertThat(client.ping()).isEqualTo("1.2.3");
    }

    @Test
    void focusWithNothingRunningIsNotRunning() {
        var client = new ControlClient(StateDirectory.at(dir).create());

        assertThatThrownBy(client::focus)
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("not_running"));
    }
}
