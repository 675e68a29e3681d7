package dev.airlock.runtime.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * How often and how patiently a page is asked for again after no answer, a timeout or a server
 * error. The wait doubles each time up to {@code maxDelay}; a registry's {@code Retry-After} can
 * lengthen it up to that bound, never beyond, so one refresh stays short.
 *
 * @param attempts tries per page, the first one included
 * @param sleeper how to wait; tests pass one that records instead of sleeping
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), duration -> Thread.sleep(duration));

    public RetryPolicy {
        if (attempts < 1 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(
                    "A retry policy needs at least one attempt and 0 <= firstDelay <= maxDelay");
        }
    }

    /** The wait after failed attempt number {@code failed} (counting from 1). */
    Duration delay(int failed, Optional<Duration> retryAfter) {
        Duration backoff = firstDelay.multipliedBy(1L << Math.min(failed - 1, 16));
        Duration wanted =
                retryAfter.filter(after -> after.compareTo(backoff) > 0).orElse(backoff);
        return wanted.compareTo(maxDelay) > 0 ? maxDelay : wanted;
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
