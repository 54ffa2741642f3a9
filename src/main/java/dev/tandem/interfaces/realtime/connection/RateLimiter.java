package dev.tandem.interfaces.realtime.connection;

/**
 * A token bucket, kept as the generic cell rate algorithm: one message is allowed every {@code 1/rate} seconds on
 * average, with up to {@code burst} messages at once. Integer nanoseconds only, so that long runs accumulate no
 * rounding error (a floating-point bucket refilled in small steps falls measurably short of its rate).
 *
 * <p>Not thread-safe: each connection owns one and the container delivers a connection's frames one at a time.
 */
final class RateLimiter {

    private final long intervalNanos;
    private final long toleranceNanos;
    /** When the next message would be due if messages arrived exactly at the rate. */
    private long theoreticalArrivalNanos;

    RateLimiter(int ratePerSecond, int burst, long nowNanos) {
        this.intervalNanos = Math.max(1, 1_000_000_000L / Math.max(1, ratePerSecond));
        this.toleranceNanos = intervalNanos * (Math.max(1, burst) - 1);
        this.theoreticalArrivalNanos = nowNanos;
    }

    /** How long until {@link #tryAcquire} would succeed; 0 if it would now. */
    long nanosUntilPermit(long nowNanos) {
        return Math.max(0, (theoreticalArrivalNanos - toleranceNanos) - nowNanos);
    }

    /** Takes a permit if the message is within the rate and burst. */
    boolean tryAcquire(long nowNanos) {
        if (nowNanos - (theoreticalArrivalNanos - toleranceNanos) < 0) {
            return false;
        }
        theoreticalArrivalNanos = Math.max(theoreticalArrivalNanos, nowNanos) + intervalNanos;
        return true;
    }
}
