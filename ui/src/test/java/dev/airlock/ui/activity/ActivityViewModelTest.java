package dev.airlock.ui.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.activity.ActivityFeed;
import dev.airlock.runtime.control.ActivityView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class ActivityViewModelTest {

    /** The gateway's feed, played by the test: it is outside the unit under test. */
    static final class Feed implements ActivityFeed {
        final List<ActivityView> history = new ArrayList<>();
        final List<Consumer<ActivityView>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public List<ActivityView> recent(int limit) {
            return history.reversed().stream().limit(limit).toList();
        }

        @Override
        public AutoCloseable subscribe(Consumer<ActivityView> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void call(ActivityView view) {
            history.add(view);
            listeners.forEach(l -> l.accept(view));
        }
    }

    private final Feed feed = new Feed();
    private final ActivityViewModel activity = new ActivityViewModel(
            ResourceBundle.getBundle("dev.airlock.ui.strings"),
            feed,
            server -> server.equals("everything") ? "Everything (demo)" : server);

    @Test
    void recentCallsAreShownNewestFirstAndNewOnesArriveInBatches() {
        feed.call(call(1, "everything", "echo", "ok"));
        feed.call(call(2, "memory", "read_graph", "ok"));
        activity.start();
        assertThat(activity.shown()).extracting(ActivityRow::id).containsExactly(2L, 1L);

        var changes = new ArrayList<ListChangeListener.Change<? extends ActivityRow>>();
        activity.rows().addListener((ListChangeListener<ActivityRow>) changes::add);
        for (int i = 3; i <= 500; i++) {
            feed.call(call(i, "everything", "echo", "ok"));
        }
        assertThat(activity.rows()).hasSize(2); // nothing moves until the UI's next tick
        activity.flush();

        assertThat(changes).hasSize(1); // 498 calls, one update of the list
        assertThat(activity.rows()).hasSize(500);
        assertThat(activity.rows().getFirst().id()).isEqualTo(500);
        assertThat(activity.rows().getLast().id()).isEqualTo(1);
    }

    @Test
    void theListKeepsOnlyTheNewestCalls() {
        activity.start();
        for (int i = 1; i <= ActivityViewModel.MAX_ROWS + 700; i++) {
            feed.call(call(i, "everything", "echo", "ok"));
            if (i % 900 == 0) {
                activity.flush();
            }
        }
        activity.flush();

        assertThat(activity.rows()).hasSize(ActivityViewModel.MAX_ROWS);
        assertThat(activity.rows().getFirst().id()).isEqualTo(ActivityViewModel.MAX_ROWS + 700);
    }

    @Test
    void rowsSayWhoCalledWhatWithWhatOutcomeAndHowLong() {
        activity.start();
        feed.call(new ActivityView(
                7,
                Instant.parse("2026-11-22T10:15:30Z").toString(),
                "desktop",
                "claude-ai",
                "everything",
                "tools/call",
                "echo",
                "error",
                1534,
                "{\"name\":\"echo\"}",
                "{\"error\":{}}",
                List.of()));
        activity.flush();

        ActivityRow row = activity.rows().getFirst();
        assertThat(row.app()).isEqualTo("Claude Desktop");
        assertThat(row.server()).isEqualTo("Everything (demo)");
        assertThat(row.tool()).isEqualTo("echo");
        assertThat(row.outcome()).isEqualTo("Error");
        assertThat(row.duration()).isEqualTo("1.5 s");
        assertThat(row.time()).matches("\\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void anUnknownAppKeepsItsOwnNameAndTheProtocolsStepsAreSaidInWords() {
        activity.start();
        feed.call(new ActivityView(
                8,
                Instant.now().toString(),
                "desktop",
                "home-made-agent",
                "memory",
                "initialize",
                null,
                "ok",
                4,
                "{}",
                "{}",
                List.of()));
        activity.flush();

        ActivityRow row = activity.rows().getFirst();
        assertThat(row.app()).isEqualTo("home-made-agent");
        assertThat(row.server()).isEqualTo("memory"); // no card for it: its short name
        assertThat(row.tool()).isEqualTo("Connected");
    }

    @Test
    void filtersByServerAndOutcome() {
        activity.start();
        feed.call(call(1, "everything", "echo", "ok"));
        feed.call(call(2, "memory", "read_graph", "error"));
        feed.call(call(3, "everything", "get-sum", "failed"));
        activity.flush();
        assertThat(activity.servers()).containsExactly(ActivityViewModel.ALL, "everything", "memory");
        assertThat(activity.serverName("everything")).isEqualTo("Everything (demo)");

        activity.serverFilterProperty().set("everything");
        assertThat(activity.shown()).extracting(ActivityRow::id).containsExactly(3L, 1L);
        activity.outcomeFilterProperty().set("failed");
        assertThat(activity.shown()).extracting(ActivityRow::id).containsExactly(3L);
        activity.serverFilterProperty().set(ActivityViewModel.ALL);
        activity.outcomeFilterProperty().set(ActivityViewModel.ALL);
        assertThat(activity.shown()).hasSize(3);
    }

    @Test
    void theDetailsShowTheArgumentsAndTheResult() {
        activity.start();
        feed.call(new ActivityView(
                9,
                Instant.now().toString(),
                "desktop",
                "cursor",
                "everything",
                "tools/call",
                "echo",
                "ok",
                3,
                "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}",
                "{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hi\"}]}",
                List.of()));
        activity.flush();

        activity.selectedProperty().set(activity.rows().getFirst());

        assertThat(activity.detailsProperty().get())
                .contains("What the AI app asked")
                .contains("\"message\" : \"hi\"")
                .contains("What came back")
                .contains("Echo: hi");
    }

    @Test
    void aRowWithFindingsCarriesABadgeAndItsDetailsSayWhatWasFound() {
        activity.start();
        feed.call(FindingWordsTest.call("everything", "ok", false, FindingWordsTest.awsKey("to-app", "redact", 2)));
        activity.flush();

        ActivityRow row = activity.rows().getFirst();
        assertThat(row.badge()).isEqualTo("2 secrets hidden");
        activity.selectedProperty().set(row);
        assertThat(activity.detailsProperty().get())
                .endsWith("What Airlock noticed\nAWS secret access key, in what the tool returned: hidden (2 times)");
    }

    @Test
    void closingStopsListening() {
        activity.start();
        activity.close();

        assertThat(feed.listeners).isEmpty();
    }

    private static ActivityView call(long id, String server, String tool, String outcome) {
        return new ActivityView(
                id,
                Instant.now().toString(),
                "desktop",
                "test-app",
                server,
                "tools/call",
                tool,
                outcome,
                5,
                "{}",
                "{}",
                List.of());
    }
}
