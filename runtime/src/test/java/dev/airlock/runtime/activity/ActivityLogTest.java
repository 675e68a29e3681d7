package dev.airlock.runtime.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.airlock.runtime.control.ActivityView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(30)
class ActivityLogTest {

    private static final Instant START = Instant.parse("2026-05-01T10:15:30.123Z");

    private static Call call(String server, String tool) {
        return new Call(
                START,
                "claude-desktop",
                "claude-ai",
                server,
                "tools/call",
                tool,
                Outcome.OK,
                12,
                "{\"name\":\"" + tool + "\"}",
                "{\"content\":[]}");
    }

    @Test
    void aRecordCarriesTheCallNumberedFromOne() {
        var log = new ActivityLog();

        ActivityView view = log.record(new Call(
                START,
                "claude-desktop",
                "claude-ai",
                "weather",
                "tools/call",
                "forecast",
                Outcome.ERROR,
                42,
                "{\"name\":\"forecast\"}",
                "{\"code\":-32602,\"message\":\"bad\"}"));

        assertThat(view)
                .isEqualTo(new ActivityView(
                        1,
                        "2026-05-01T10:15:30.123Z",
                        "claude-desktop",
                        "claude-ai",
                        "weather",
                        "tools/call",
                        "forecast",
                        "error",
                        42,
                        "{\"name\":\"forecast\"}",
                        "{\"code\":-32602,\"message\":\"bad\"}",
                        List.of()));
        assertThat(log.recent(10)).containsExactly(view);
    }

    @Test
    void recentIsNewestFirstAndAtMostTheLimit() {
        var log = new ActivityLog();
        for (int i = 1; i <= 5; i++) {
            log.record(call("weather", "tool-" + i));
        }

        assertThat(log.recent(3)).extracting(ActivityView::target).containsExactly("tool-5", "tool-4", "tool-3");
        assertThat(log.recent(100)).extracting(ActivityView::id).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(log.recent(0)).isEmpty();
        assertThat(new ActivityLog().recent(10)).isEmpty();
    }

    @Test
    void keepsOnlyTheMostRecentCallsUpToItsCapacity() {
        var log = new ActivityLog(3);
        for (int i = 1; i <= 7; i++) {
            log.record(call("weather", "tool-" + i));
        }

        assertThat(log.recent(10)).extracting(ActivityView::id).containsExactly(7L, 6L, 5L);
        assertThat(log.recent(10)).extracting(ActivityView::target).containsExactly("tool-7", "tool-6", "tool-5");
    }

    @Test
    void theDefaultCapacityIsTenThousand() {
        var log = new ActivityLog();
        for (int i = 0; i < 10_005; i++) {
            log.record(call("weather", "echo"));
        }

        assertThat(log.capacity()).isEqualTo(10_000);
        List<ActivityView> all = log.recent(20_000);
        assertThat(all).hasSize(10_000);
        assertThat(all.getFirst().id()).isEqualTo(10_005);
        assertThat(all.getLast().id()).isEqualTo(6);
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new ActivityLog(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filtersByServerWithinTheLimit() {
        var log = new ActivityLog();
        log.record(call("weather", "a"));
        log.record(call("memory", "b"));
        log.record(call("weather", "c"));
        log.record(call("memory", "d"));
        log.record(call("weather", "e"));

        assertThat(log.recent(2, "weather")).extracting(ActivityView::target).containsExactly("e", "c");
        assertThat(log.recent(10, "memory")).extracting(ActivityView::target).containsExactly("d", "b");
        assertThat(log.recent(10, "files")).isEmpty();
        assertThat(log.recent(10, null)).hasSize(5);
        assertThat(log.hasServer("memory")).isTrue();
        assertThat(log.hasServer("files")).isFalse();
    }

    @Test
    void aServerWhoseCallsDroppedOffIsNoLongerKnown() {
        var log = new ActivityLog(2);
        log.record(call("memory", "a"));
        log.record(call("weather", "b"));
        log.record(call("weather", "c"));

        assertThat(log.hasServer("memory")).isFalse();
        assertThat(log.recent(10, "memory")).isEmpty();
    }

    @Test
    void subscribersHearEachCallUntilTheyUnsubscribe() throws Exception {
        var log = new ActivityLog();
        var heard = new ArrayList<ActivityView>();
        AutoCloseable subscription = log.subscribe(heard::add);

        ActivityView first = log.record(call("weather", "a"));
        ActivityView second = log.record(call("weather", "b"));
        subscription.close();
        log.record(call("weather", "c"));

        assertThat(heard).containsExactly(first, second);
        subscription.close(); // twice is harmless
    }

    @Test
    void theSameListenerSubscribedTwiceIsClosedOneSubscriptionAtATime() throws Exception {
        var log = new ActivityLog();
        var heard = new ArrayList<Long>();
        AutoCloseable one = log.subscribe(view -> heard.add(view.id()));
        log.subscribe(view -> heard.add(view.id()));

        log.record(call("weather", "a"));
        one.close();
        log.record(call("weather", "b"));

        assertThat(heard).containsExactly(1L, 1L, 2L);
    }

    @Test
    void aFailingListenerIsLoggedAndNeitherTheCallerNorOtherListenersNoticeIt() {
        var log = new ActivityLog();
        var heard = new ArrayList<Long>();
        log.subscribe(view -> {
            throw new IllegalStateException("listener bug");
        });
        log.subscribe(view -> heard.add(view.id()));
        var logger = (Logger) LoggerFactory.getLogger(ActivityLog.class);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        try {
            ActivityView first = log.record(call("weather", "a"));
            log.record(call("weather", "b"));

            assertThat(first.id()).isEqualTo(1);
            assertThat(heard).containsExactly(1L, 2L);
            assertThat(log.recent(10)).hasSize(2);
            // loud once, then quiet, so a broken screen does not flood the log
            assertThat(appender.list)
                    .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("activity listener failed"));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void noLockIsHeldWhileAListenerRuns() throws Exception {
        var log = new ActivityLog();
        var inListener = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        log.subscribe(view -> {
            if (view.target().equals("slow")) {
                inListener.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var slow = pool.submit(() -> log.record(call("weather", "slow")));
            assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();

            // while that listener dawdles, other calls are recorded and read
            log.record(call("weather", "fast"));
            assertThat(log.recent(10)).extracting(ActivityView::target).containsExactly("fast", "slow");

            release.countDown();
            slow.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void concurrentCallsGetDistinctIdsAndAllAreKept() throws Exception {
        var log = new ActivityLog();
        var heard = new CopyOnWriteArrayList<Long>();
        log.subscribe(view -> heard.add(view.id()));
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                pool.submit(() -> {
                    for (int c = 0; c < 500; c++) {
                        log.record(call("weather", "echo"));
                    }
                });
            }
        }

        List<ActivityView> all = log.recent(10_000);
        assertThat(all).hasSize(4_000);
        assertThat(all)
                .extracting(ActivityView::id)
                .doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(heard).hasSize(4_000).doesNotHaveDuplicates();
    }

    @Test
    void longTextsAreShortenedWhenRecorded() {
        var log = new ActivityLog();
        String big = "x".repeat(100_000);

        ActivityView view =
                log.record(new Call(START, "c", "app", "weather", "tools/call", "echo", Outcome.OK, 1, big, big + "y"));

        assertThat(view.request())
                .hasSize(CallText.MAX_CHARS + CallText.SHORTENED.length())
                .endsWith(CallText.SHORTENED);
        assertThat(view.response()).isEqualTo(view.request());
    }
}
