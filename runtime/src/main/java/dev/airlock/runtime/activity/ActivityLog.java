package dev.airlock.runtime.activity;

import dev.airlock.runtime.control.ActivityView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of this run, in memory: the most recent {@link #capacity()} are kept, older ones drop
 * off. Recording is on the gateway's hot path, so it takes a lock only to number and store a record,
 * never while subscribers hear of it, and it does no I/O.
 *
 * <p>Records are numbered from 1 in the order the calls ended, so a reader that remembers the last
 * id it saw can ask for what came after it.
 */
public final class ActivityLog implements ActivityFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityLog.class);

    /** How many calls the log keeps unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final ActivityView[] ring;
    private final Object lock = new Object();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private long lastId; // guarded by lock

    public ActivityLog() {
        this(DEFAULT_CAPACITY);
    }

    public ActivityLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("An activity log keeps at least one call, not " + capacity);
        }
        this.ring = new ActivityView[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /**
     * Numbers a call that has ended, keeps it, and tells the subscribers, on this thread. Request
     * and response texts longer than {@link CallText#MAX_CHARS} are shortened.
     */
    public ActivityView record(Call call) {
        String at = call.startedAt().toString();
        String request = CallText.shorten(call.request());
        String response = CallText.shorten(call.response());
        ActivityView view;
        synchronized (lock) {
            long id = ++lastId;
            view = new ActivityView(
                    id,
                    at,
                    call.client(),
                    call.clientApp(),
                    call.server(),
                    call.method(),
                    call.target(),
                    call.outcome().label(),
                    call.durationMs(),
                    request,
                    response,
                    call.findings(),
                    call.partlyInspected());
            ring[slot(id)] = view;
        }
        for (Subscription subscription : subscriptions) {
            subscription.deliver(view);
        }
        return view;
    }

    @Override
    public List<ActivityView> recent(int limit) {
        return recent(limit, null);
    }

    /**
     * The most recent calls, newest first.
     *
     * @param server only the calls to this server (its short name); null for all
     */
    public List<ActivityView> recent(int limit, String server) {
        if (limit < 1) {
            return List.of();
        }
        var found = new ArrayList<ActivityView>(Math.min(limit, 256));
        synchronized (lock) {
            long oldest = Math.max(1, lastId - ring.length + 1);
            for (long id = lastId; id >= oldest && found.size() < limit; id--) {
                ActivityView view = ring[slot(id)];
                if (server == null || server.equals(view.server())) {
                    found.add(view);
                }
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** Whether any call kept was to this server (its short name). */
    public boolean hasServer(String server) {
        return !recent(1, server).isEmpty();
    }

    @Override
    public AutoCloseable subscribe(Consumer<ActivityView> listener) {
        var subscription = new Subscription(listener);
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    private int slot(long id) {
        return (int) ((id - 1) % ring.length);
    }

    /** One listener; a failing one is logged, loudly once and then quietly, and still hears later calls. */
    private static final class Subscription {

        private final Consumer<ActivityView> listener;
        private volatile boolean failedBefore;

        Subscription(Consumer<ActivityView> listener) {
            this.listener = listener;
        }

        void deliver(ActivityView view) {
            try {
                listener.accept(view);
            } catch (RuntimeException e) {
                if (failedBefore) {
                    LOG.debug("An activity listener failed again on call {}", view.id(), e);
                } else {
                    failedBefore = true;
                    LOG.warn("An activity listener failed on call {}; the gateway carries on", view.id(), e);
                }
            }
        }
    }
}
