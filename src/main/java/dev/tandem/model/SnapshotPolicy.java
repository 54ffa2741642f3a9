package dev.tandem.model;

import java.time.Duration;
import java.time.Instant;

/**
 * When a live model stores a snapshot of its data (Convergence's {@code ModelSnapshotConfig}). A snapshot lets the
 * next load start from it instead of replaying the whole operation log. Set per domain; a collection may override it.
 *
 * <p>Between two snapshots a new one is <em>required</em> once more than {@code maximumVersionInterval} versions
 * ({@code triggerByVersion}) or more than {@code maximumTimeInterval} ({@code triggerByTime}) have passed, and
 * <em>allowed</em> only once at least {@code minimumVersionInterval} versions ({@code limitedByVersion}) and
 * {@code minimumTimeInterval} ({@code limitedByTime}) have passed. Nothing is taken unless {@code snapshotsEnabled}.
 */
public record SnapshotPolicy(
        boolean snapshotsEnabled,
        boolean triggerByVersion,
        long maximumVersionInterval,
        boolean limitedByVersion,
        long minimumVersionInterval,
        boolean triggerByTime,
        Duration maximumTimeInterval,
        boolean limitedByTime,
        Duration minimumTimeInterval) {

    /** A snapshot every 1000 versions, and one when an idle model unloads (what a domain starts with). */
    public static final SnapshotPolicy DEFAULT =
            new SnapshotPolicy(true, true, 1000, false, 0, false, Duration.ofMinutes(10), false, Duration.ZERO);

    /** Never a snapshot after the one made at creation: every load replays the whole log. */
    public static final SnapshotPolicy DISABLED =
            new SnapshotPolicy(false, false, 1000, false, 0, false, Duration.ofMinutes(10), false, Duration.ZERO);

    public SnapshotPolicy {
        if (maximumVersionInterval < 0 || minimumVersionInterval < 0) {
            throw new IllegalArgumentException("version intervals must not be negative");
        }
        if (maximumTimeInterval.isNegative() || minimumTimeInterval.isNegative()) {
            throw new IllegalArgumentException("time intervals must not be negative");
        }
    }

    /**
     * Whether a model at {@code version} (at {@code now}) must take a snapshot, its last one being at
     * {@code lastVersion} (taken at {@code lastTime}).
     */
    public boolean required(long lastVersion, Instant lastTime, long version, Instant now) {
        if (!allowed(lastVersion, lastTime, version, now)) {
            return false;
        }
        boolean byVersion = triggerByVersion && version - lastVersion > maximumVersionInterval;
        boolean byTime = triggerByTime && Duration.between(lastTime, now).compareTo(maximumTimeInterval) > 0;
        return byVersion || byTime;
    }

    /**
     * Whether a snapshot may be taken now: enabled, something changed since the last one, and the minimum intervals
     * passed. An idle model takes one when it unloads if this allows it, so that its next load is fast.
     */
    public boolean allowed(long lastVersion, Instant lastTime, long version, Instant now) {
        if (!snapshotsEnabled || version <= lastVersion) {
            return false;
        }
        boolean byVersion = !limitedByVersion || version - lastVersion >= minimumVersionInterval;
        boolean byTime = !limitedByTime || Duration.between(lastTime, now).compareTo(minimumTimeInterval) >= 0;
        return byVersion && byTime;
    }
}
