package dev.airlock.runtime.activity;

import dev.airlock.runtime.control.ActivityView;
import java.util.List;
import java.util.function.Consumer;

/** The calls AI apps made through the gateway, recent ones kept, new ones as they happen. */
public interface ActivityFeed {

    /** The most recent calls, newest first. */
    List<ActivityView> recent(int limit);

    /**
     * Hears every call as it completes, on the gateway's threads: return quickly. Closing the
     * returned handle stops the notifications.
     */
    AutoCloseable subscribe(Consumer<ActivityView> listener);
}
