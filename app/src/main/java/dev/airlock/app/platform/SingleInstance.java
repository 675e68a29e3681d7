package dev.airlock.app.platform;

import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One Airlock per state directory: a second launch of the desktop app asks the first, over its
 * control socket, to bring its window to the front, then exits.
 *
 * <p>Use it when starting the engine fails with {@code already_running}: the other instance holds
 * the lock. It may still be starting (the lock comes before the socket), so a missing socket is
 * retried for a while.
 */
public final class SingleInstance {

    /** How long a second launch waits for a first that is still starting. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(15);

    private static final Duration RETRY = Duration.ofMillis(250);
    private static final Set<String> NOT_YET = Set.of("not_running", "unreachable");

    /** What happened, and what to print before exiting with {@link #exitCode()}. */
    public record HandOver(Kind kind, String message) {
        public enum Kind {
            /** The running app was asked to show its window: this launch is done. */
            FOCUSED,
            /** It runs without a window ({@code airlock daemon}). */
            NO_WINDOW,
            /** It holds the lock but did not answer. */
            NO_ANSWER
        }

        /** 0 when the running app took over, else 1. */
        public int exitCode() {
            return kind == Kind.FOCUSED ? 0 : 1;
        }
    }

    private final ControlClient client;
    private final Duration patience;

    public SingleInstance(ControlClient client) {
        this(client, DEFAULT_PATIENCE);
    }

    public SingleInstance(ControlClient client, Duration patience) {
        this.client = client;
        this.patience = patience;
    }

    /** Pings the running instance, then asks it for its window. Blocks for at most the patience given. */
    public HandOver handOver() {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try {
                client.ping();
                client.focus();
                return new HandOver(HandOver.Kind.FOCUSED, "Airlock is already running; its window is now in front.");
            } catch (ControlException e) {
                if (e.code().equals("no_window")) {
                    return new HandOver(
                            HandOver.Kind.NO_WINDOW,
                            "Airlock is already running without a window (airlock daemon). Use the airlock"
                                    + " command with it, or stop it and open Airlock again.");
                }
                if (!NOT_YET.contains(e.code()) || !Instant.now().plus(RETRY).isBefore(deadline)) {
                    return new HandOver(
                            HandOver.Kind.NO_ANSWER,
                            "Another Airlock is running but does not answer: " + e.getMessage());
                }
            }
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new HandOver(HandOver.Kind.NO_ANSWER, "Another Airlock is running but did not answer in time.");
            }
        }
    }
}
