package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a live model takes a snapshot: triggered by versions or time, held back by the minimum intervals. */
class SnapshotPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static SnapshotPolicy policy(
            boolean byVersion,
            long maxVersions,
            boolean limitVersion,
            long minVersions,
            boolean byTime,
            Duration maxTime,
            boolean limitTime,
            Duration minTime) {
        return new SnapshotPolicy(
                true, byVersion, maxVersions, limitVersion, minVersions, byTime, maxTime, limitTime, minTime);
    }

    @Test
    void versionTriggerFiresOnceMoreThanTheMaximumPassed() {
        SnapshotPolicy p = policy(true, 10, false, 0, false, Duration.ZERO, false, Duration.ZERO);
        assertFalse(p.required(5, T0, 15, T0));
        assertTrue(p.required(5, T0, 16, T0));
    }

    @Test
    void timeTriggerFiresOnceMoreThanTheMaximumPassed() {
        SnapshotPolicy p = policy(false, 0, false, 0, true, Duration.ofMinutes(5), false, Duration.ZERO);
        assertFalse(p.required(1, T0, 2, T0.plus(Duration.ofMinutes(5))));
        assertTrue(p.required(1, T0, 2, T0.plus(Duration.ofMinutes(5)).plusMillis(1)));
    }

    @Test
    void noTriggerMeansNoRequiredSnapshot() {
        SnapshotPolicy p = policy(false, 0, false, 0, false, Duration.ZERO, false, Duration.ZERO);
        assertFalse(p.required(1, T0, 1_000_000, T0.plus(Duration.ofDays(1))));
        assertTrue(p.allowed(1, T0, 2, T0));
    }

    @Test
    void minimumVersionIntervalHoldsBackATimeTrigger() {
        SnapshotPolicy p = policy(false, 0, true, 100, true, Duration.ofSeconds(1), false, Duration.ZERO);
        Instant later = T0.plus(Duration.ofHours(1));
        assertFalse(p.required(1, T0, 100, later));
        assertTrue(p.required(1, T0, 101, later));
    }

    @Test
    void minimumTimeIntervalHoldsBackAVersionTrigger() {
        SnapshotPolicy p = policy(true, 10, false, 0, false, Duration.ZERO, true, Duration.ofMinutes(1));
        assertFalse(p.required(1, T0, 500, T0.plusSeconds(59)));
        assertTrue(p.required(1, T0, 500, T0.plusSeconds(60)));
        assertFalse(p.allowed(1, T0, 500, T0.plusSeconds(59)));
    }

    @Test
    void disabledOrUnchangedNeverSnapshots() {
        assertFalse(SnapshotPolicy.DISABLED.required(1, T0, 1_000_000, T0.plus(Duration.ofDays(1))));
        assertFalse(SnapshotPolicy.DISABLED.allowed(1, T0, 2, T0));
        assertFalse(SnapshotPolicy.DEFAULT.allowed(7, T0, 7, T0.plusSeconds(60)));
        assertTrue(SnapshotPolicy.DEFAULT.allowed(7, T0, 8, T0));
        assertTrue(SnapshotPolicy.DEFAULT.required(1, T0, 1002, T0));
    }

    @Test
    void negativeIntervalsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> policy(true, -1, false, 0, false, Duration.ZERO, false, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> policy(true, 1, false, 0, false, Duration.ofSeconds(-1), false, Duration.ZERO));
    }
}
