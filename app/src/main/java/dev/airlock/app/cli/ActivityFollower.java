package dev.airlock.app.cli;

import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlException;
import java.time.Duration;
import java.util.List;

/**
 * {@code airlock activity --follow}: prints the recent calls, then every new one as it happens, until
 * Ctrl+C ends the process, or its thread is interrupted (when it runs in-process, as in tests). It
 * asks the engine twice a second for the calls after the last one it printed; the control socket
 * stays plain request and answer.
 */
final class ActivityFollower {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final ControlClient engine;
    private final Output output;
    private final ActivityFormat format;
    private final String server;

    ActivityFollower(ControlClient engine, Output output, ActivityFormat format, String server) {
        this.engine = engine;
        this.output = output;
        this.format = format;
        this.server = server;
    }

    /**
     * @param recent the calls to start with, newest first
     * @return the exit code: 0 once its thread is interrupted
     */
    int follow(List<ActivityView> recent) throws ControlException {
        output.progress("Showing calls as they happen. Press Ctrl+C to stop.\n");
        output.stream(null, format.followHeader());
        long last = print(recent, 0);
        while (true) {
            try {
                Thread.sleep(POLL_INTERVAL);
                List<ActivityView> fresh = engine.activityAfter(last, EngineCommands.Activity.MAX_LIMIT, server);
                if (fresh.size() == EngineCommands.Activity.MAX_LIMIT) {
                    output.progress("More than " + EngineCommands.Activity.MAX_LIMIT
                            + " calls came at once; only the last of them are shown.\n");
                }
                last = print(fresh, last);
            } catch (InterruptedException e) {
                return Output.OK;
            } catch (ControlException e) {
                // an interrupt during a request closes its socket: that is the user stopping, not a failure
                if (Thread.currentThread().isInterrupted()) {
                    return Output.OK;
                }
                throw e;
            }
        }
    }

    /** Prints the calls oldest first and returns the newest id seen. */
    private long print(List<ActivityView> newestFirst, long last) {
        for (ActivityView call : newestFirst.reversed()) {
            output.stream(call, format.followRow(call));
            last = Math.max(last, call.id());
        }
        return last;
    }
}
