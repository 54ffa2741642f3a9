package dev.tandem.model;

import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.model.ModelStore.LoggedOperation;
import dev.tandem.model.ModelStore.Snapshot;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.server.ServerConcurrencyControl;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.persistence.H2FileCompaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads stored models: replays the newest snapshot and the operations logged after it, and makes a {@link LiveModel}
 * of the result with the policies of its collection and domain.
 */
final class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class.getName());

    /**
     * What the configuration sets for every loaded model.
     *
     * @param maxSize the largest a model's data may grow ({@code tandem.model.max-size})
     * @param keptHistory how many operations stay in memory ({@code tandem.model.kept-history})
     * @param idleUnload how long a model stays loaded without sessions ({@code tandem.model.idle-unload-millis})
     */
    record Limits(long maxSize, int keptHistory, Duration idleUnload) {}

    /** A stored model at its latest version: the newest snapshot with the operations logged after it applied. */
    record Replayed(
            ModelTree tree,
            long version,
            Instant modifiedAt,
            long snapshotVersion,
            Instant snapshotAt,
            int operations) {}

    private final ModelContext context;
    private final CollectionStore collections;
    private final ScheduledExecutorService timers;
    private final H2FileCompaction compaction;
    private final Limits limits;
    private final AtomicBoolean filingTimerStarted = new AtomicBoolean();

    /**
     * @param timers runs the models' idle timers and, from the first load, the filing timer
     * @param compaction the embedded H2's compaction, synced by the filing timer; null for another database
     */
    ModelLoader(
            ModelContext context,
            CollectionStore collections,
            ScheduledExecutorService timers,
            H2FileCompaction compaction,
            Limits limits) {
        this.context = context;
        this.collections = collections;
        this.timers = timers;
        this.compaction = compaction;
        this.limits = limits;
    }

    /** The live model of a stored model, owned by {@code owner}; empty if there is no such model. */
    Optional<LiveModel> load(ModelKey key, LiveModel.Owner owner) {
        startFilingTimer();
        Optional<StoredModel> found = context.store().find(key.domainRef(), key.modelId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // This node's writer becomes the model's before anything of it is read: a writer that had it loaded (another
        // node that still believes it owns it) is fenced first, so what it committed is all there is.
        String fenced =
                context.store().claimModel(found.get().ref(), context.log().writerId());
        if (fenced != null) {
            LOG.log(Level.INFO, "model {0}: fenced writer {1}, which had it loaded", new Object[] {key.modelId(), fenced
            });
        }
        context.log().flush(); // the version row moves when the log is filed: the replay below must end there
        found = context.store().find(key.domainRef(), key.modelId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredModel stored = found.get();
        Replayed replayed = replay(stored);
        // After the replay: a model stored before the limit was lowered loads.
        replayed.tree().limitSize(limits.maxSize());
        ModelOperationProcessor processor = new ModelOperationProcessor(
                replayed.tree(),
                replayed.version(),
                olderHistory(stored.ref()),
                Math.max(limits.keptHistory(), ModelWriter.MIN_KEPT_HISTORY));
        LiveModel model = new LiveModel(
                context,
                stored,
                new LiveModel.Loaded(
                        processor, replayed.modifiedAt(), replayed.snapshotVersion(), replayed.snapshotAt()),
                policies(stored),
                owner);
        LOG.log(Level.FINE, "loaded model {0} at version {1} ({2} operations replayed)", new Object[] {
            key.modelId(), replayed.version(), replayed.operations()
        });
        return Optional.of(model);
    }

    /**
     * Files the rest of a quiet node's log within a second (filing starts by itself once enough waits). Started with
     * the first model load, not at start: it starts the timer thread, and a managed thread keeps for life the context
     * of the thread that created it, which it hands on to the writers it creates. Created during start-up, it carried
     * the start-up bean's context, in which the connection pool did not enlist connections in a
     * {@code @Transactional} method's transaction, so on writers it created those methods' statements committed one
     * by one. A model is first loaded on a request's thread.
     */
    private void startFilingTimer() {
        if (filingTimerStarted.compareAndSet(false, true)) {
            timers.scheduleWithFixedDelay(context.log()::fileSoon, 1, 1, TimeUnit.SECONDS);
            if (compaction != null) {
                // H2 reuses a dead chunk's space RETENTION_TIME after the chunk was written (2 s by default): what
                // made it dead should be on the disk by then, not only in the OS's cache (H2FileCompaction.sync).
                timers.scheduleWithFixedDelay(compaction::sync, 1, 1, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Reads a model's committed operations back for a client behind what its live model keeps in memory. Runs on the
     * model's writer, rarely: every operation it asks for is committed (see {@link ModelWriter#MIN_KEPT_HISTORY}),
     * and filing makes it readable from the per-model log.
     */
    private ServerConcurrencyControl.HistorySource olderHistory(String modelRef) {
        return (from, to) -> {
            context.log().flush();
            List<ServerConcurrencyControl.HistoryEntry> entries = new ArrayList<>();
            // The log is keyed by the version after each operation: from + 1 up to to.
            for (LoggedOperation logged : context.store().operationsBetween(modelRef, from, to)) {
                long version = logged.version() - 1;
                entries.add(new ServerConcurrencyControl.HistoryEntry(logged.sessionId(), version, logged.operation()));
            }
            return entries;
        };
    }

    private ModelPolicies policies(StoredModel stored) {
        SnapshotPolicy snapshots = collections
                .find(stored.domainRef(), stored.collectionId())
                .map(ModelCollection::snapshotPolicy)
                .orElse(null);
        if (snapshots == null) {
            snapshots = collections.domainSettings(stored.domainRef()).snapshotPolicy();
        }
        // A model deleted meanwhile has no access: nobody may open it (its writer learns it is gone right after).
        return new ModelPolicies(
                () -> collections.modelAccess(stored.ref()).orElse(ModelAccess.NONE),
                snapshots,
                limits.idleUnload(),
                timers);
    }

    /** The stored model at its latest version: the newest snapshot with the operations logged after it applied. */
    Replayed replay(StoredModel stored) {
        Snapshot snapshot = context.store().latestSnapshot(stored.ref());
        ModelTree tree = new ModelTree(snapshot.data());
        long version = snapshot.version();
        Instant modifiedAt = snapshot.modifiedAt();
        List<LoggedOperation> operations = context.operationsAfter(stored, snapshot.version());
        for (LoggedOperation logged : operations) {
            tree.apply(logged.operation());
            version = logged.version();
            modifiedAt = logged.committedAt();
        }
        if (version != stored.version()) {
            LOG.log(Level.WARNING, "model {0}: row says version {1}, log ends at {2}; using the log", new Object[] {
                stored.modelId(), stored.version(), version
            });
        }
        return new Replayed(tree, version, modifiedAt, snapshot.version(), snapshot.modifiedAt(), operations.size());
    }
}
