package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * What a live model applies besides its data: who may do what (loaded in the writer, when the model loads and when
 * permissions change), when to take snapshots, and how long to stay loaded without sessions.
 *
 * <p>Confined to the model's writer ({@link ModelWriter}) like the rest of its state, except for the idle timer,
 * which only queues a task.
 */
final class ModelPolicies {

    private final Supplier<ModelAccess> accessLoader;
    private final SnapshotPolicy snapshots;
    private final Duration idleUnload;
    private final ScheduledExecutorService timer;
    private ModelAccess access;
    private long snapshotVersion;
    private Instant snapshotAt;
    private long idleGeneration;

    /**
     * @param access loads the model's permission settings and its collection's
     * @param snapshots the snapshot policy (the collection's, else the domain's)
     * @param idleUnload how long the model stays loaded after its last session left; zero unloads at once
     * @param timer runs idle timers (they only enqueue a task); may be null when {@code idleUnload} is zero
     */
    ModelPolicies(
            Supplier<ModelAccess> access,
            SnapshotPolicy snapshots,
            Duration idleUnload,
            ScheduledExecutorService timer) {
        this.accessLoader = access;
        this.snapshots = snapshots;
        this.idleUnload = idleUnload;
        this.timer = timer;
    }

    /** Everyone may edit, the default snapshot policy, unloaded as soon as it is idle. */
    static ModelPolicies open() {
        return new ModelPolicies(() -> ModelAccess.OPEN, SnapshotPolicy.DEFAULT, Duration.ZERO, null);
    }

    /** What this user may do now, as last loaded. */
    ModelPermissions permissionsOf(DomainUserId user) {
        if (access == null) {
            access = accessLoader.get();
        }
        return access.permissionsOf(user);
    }

    /** Loads the permissions again, after they changed in storage. */
    void reloadPermissions() {
        access = accessLoader.get();
    }

    /** Records the newest snapshot: of {@code version}, taken {@code at} (the modification time it records). */
    void snapshotTaken(long version, Instant at) {
        snapshotVersion = version;
        snapshotAt = at;
    }

    /** Whether the model must take a snapshot now that {@code version} is committed. */
    boolean snapshotRequired(long version, Instant now) {
        return snapshots.required(snapshotVersion, snapshotAt, version, now);
    }

    /** Whether the model may take a snapshot of {@code version} (when it unloads, so that the next load is quick). */
    boolean snapshotAllowed(long version, Instant now) {
        return snapshots.allowed(snapshotVersion, snapshotAt, version, now);
    }

    /** True if an idle model unloads at once, without waiting for the idle time. */
    boolean unloadsAtOnce() {
        return idleUnload.isZero();
    }

    /**
     * Starts an idle period: after the idle time, {@code check} is run with its generation, which {@link #stillIdle}
     * recognizes unless another period started since (somebody came and left again).
     */
    void startIdlePeriod(LongConsumer check) {
        long generation = ++idleGeneration;
        timer.schedule(() -> check.accept(generation), idleUnload.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True if the idle period {@code generation} is the latest one. */
    boolean stillIdle(long generation) {
        return generation == idleGeneration;
    }
}
