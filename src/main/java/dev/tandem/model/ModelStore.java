package dev.tandem.model;

import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.value.ObjectValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable state of models, as the model core needs it: the model rows, their snapshots and their operation log.
 * {@link JdbcModelStore} keeps them in the database; tests keep them in memory.
 *
 * <p>The log has two parts: {@link #appendGroup} writes each group commit as one round, and {@link #fileLog} later
 * moves rounds into the per-model log. The readers here see filed operations only; {@link OperationLog#flush()} files
 * everything acknowledged so far, and whoever reads a model's operations calls it first.
 *
 * <p>Every method is one transaction. {@link #appendGroup} is one transaction for the batches of many models, which
 * is what makes group commit durable and cheap at once. A failure of the database is a
 * {@link dev.tandem.persistence.StoreException}: what the call concerned did not happen.
 */
public interface ModelStore {

    /** A model's row as loaded. */
    record StoredModel(
            String ref,
            String domainRef,
            String modelId,
            String collectionId,
            long version,
            Instant createdAt,
            Instant modifiedAt) {}

    /** A snapshot: the data at a version. */
    record Snapshot(long version, Instant modifiedAt, ObjectValue data) {}

    /** One logged operation; {@code version} is the version it produced. */
    record LoggedOperation(
            long version, String sessionId, Instant committedAt, Operation operation, String appliedJson) {}

    /** What to append for one committed operation. */
    record NewOperation(
            long version, String sessionId, Instant committedAt, String operationJson, String appliedJson) {}

    /** One logged operation as history shows it: what it changed, with the values it replaced. */
    record HistoryEntry(long version, String sessionId, Instant committedAt, String appliedJson) {}

    /**
     * What one call of {@link #fileLog} did: rounds taken off the log, operations in them, and whether it took every
     * round there was when it looked.
     */
    record Filed(int rounds, long operations, boolean drained) {
        static final Filed NOTHING = new Filed(0, 0, true);
    }

    /**
     * Creates a model at version 1 with its first snapshot, leaving its permissions to its collection, and creating
     * the collection if it does not exist yet and the domain allows that.
     *
     * @return the stored model, or empty if a model with that id exists in the domain
     * @throws CollectionNotFoundException if the collection is missing and the domain does not create collections
     */
    default Optional<StoredModel> create(
            String domainRef, String collectionId, String modelId, ObjectValue data, Instant now) {
        return create(domainRef, collectionId, modelId, data, now, ModelPermissionSettings.NOT_OVERRIDDEN);
    }

    /** Like {@link #create(String, String, String, ObjectValue, Instant)}, with the model's permission settings. */
    Optional<StoredModel> create(
            String domainRef,
            String collectionId,
            String modelId,
            ObjectValue data,
            Instant now,
            ModelPermissionSettings permissions);

    /** The model's row, if it exists. */
    Optional<StoredModel> find(String domainRef, String modelId);

    /** A page of the domain's models (of one collection, unless {@code collectionId} is null), by id. */
    List<StoredModel> list(String domainRef, String collectionId, int offset, int limit);

    /** The newest snapshot of a model. */
    Snapshot latestSnapshot(String modelRef);

    /** The filed operations that produced versions after {@code afterVersion}, in order. */
    default List<LoggedOperation> operationsAfter(String modelRef, long afterVersion) {
        return operationsBetween(modelRef, afterVersion, Long.MAX_VALUE);
    }

    /** The filed operations that produced versions after {@code afterVersion} up to {@code lastVersion}, in order. */
    List<LoggedOperation> operationsBetween(String modelRef, long afterVersion, long lastVersion);

    /** The filed operations that produced the versions {@code first..last} (both included), in order. */
    List<HistoryEntry> history(String modelRef, long first, long last);

    /** The version produced by the last filed operation committed before {@code before}, if there is one. */
    Optional<Long> lastVersionBefore(String modelRef, Instant before);

    /**
     * Whether a connection taken in a JTA transaction on the calling thread is enlisted in it (the container decides
     * per thread context; see {@code ModelThreads#checkTransactionsEnlistConnections}). True where there is no JTA.
     */
    boolean transactionsEnlistConnections();

    /**
     * Registers a writer of the operation log (a node's {@link OperationLog}, under an id of its own for this run),
     * so that its rounds commit. With {@code alone} (a node that is not part of a cluster), every other writer is
     * fenced first: any other is an earlier run of this node, or a server that should not share this database.
     */
    void registerWriter(String writerId, String node, boolean alone, Instant now);

    /**
     * Fences a writer: once this returns, none of its rounds commits any more ({@link #appendGroup} fails with
     * {@link WriterFencedException}), and every round of it that committed before is in the log for whoever reads
     * next. A writer taking over models from another calls this before it reads them.
     *
     * @return whether the writer was registered (false if it was fenced already)
     */
    boolean fenceWriter(String writerId);

    /**
     * Records that {@code writerId} loads the model, in one transaction: a different writer recorded for it before is
     * fenced first ({@link #fenceWriter}), so that nothing it still has in flight commits once the caller reads the
     * model. This, not the cluster's directory, is what keeps two nodes that both believe they own a model (a split
     * brain) from both committing.
     *
     * @return the writer that was fenced, or null if none was recorded or it was {@code writerId}
     */
    String claimModel(String modelRef, String writerId);

    /** Clears the model's record if it is still {@code writerId}'s: the model unloaded, and moving it fences nobody. */
    void releaseModel(String modelRef, String writerId);

    /**
     * Appends the batches of one or more models (each in version order) as one round, in one transaction (see
     * {@link OperationLog}): all of them are durable when this returns, or none is, and nothing of them is
     * acknowledged before. {@link #fileLog} moves them into the per-model log later, and moves each model's version
     * then.
     *
     * <p>The round commits only while {@code writerId} is registered and not fenced: that is what keeps a model's
     * log free of gaps and of two operations at one version when its writer moves to another node (within a node,
     * each model has one writer, which hands a batch over only after the one before it committed).
     *
     * @throws WriterFencedException if the writer was fenced
     * @throws dev.tandem.persistence.StoreException if a batch is not in consecutive versions, or the database failed
     */
    void appendGroup(String writerId, List<OperationLog.Append> batches);

    /**
     * Files the oldest rounds into the per-model log, sorted by model and version, in one transaction of its own:
     * rounds until at least {@code maxOperations} operations are taken (or none are left), and moves each model's
     * version (and modification time) to its last filed operation. Operations of a model deleted since are dropped
     * with their round.
     */
    default Filed fileLog(int maxOperations) {
        return fileLog(maxOperations, false);
    }

    /**
     * Like {@link #fileLog(int)}; with {@code replace}, each model's version range is cleared before it is inserted,
     * so that rounds of which an interrupted filing left a part are filed whole instead of being refused (as a unique
     * violation) forever.
     */
    Filed fileLog(int maxOperations, boolean replace);

    /** Stores a snapshot, so that the next load replays fewer operations. */
    void snapshot(String modelRef, String domainRef, long version, Instant modifiedAt, ObjectValue data);

    /** Hands out the next value-id prefix of a model; each call returns a different one, forever. */
    long nextValueIdPrefix(String modelRef);

    /** Deletes a model with its log and snapshots; false if it did not exist. */
    boolean delete(String domainRef, String modelId);
}
