package dev.tandem.ot.server;

import dev.tandem.ot.operation.AppliedOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.ReferenceTransformer;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.transform.OperationTransformer;
import dev.tandem.ot.transform.TransformationException;
import dev.tandem.ot.tree.InvalidOperationException;
import dev.tandem.ot.tree.ModelTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's value tree and concurrency control driven together: the OT half of a LiveModel. Not
 * thread-safe: one writer per model.
 *
 * <p>Two-phase use, so an operation is acknowledged only once it is durable: {@link #process}
 * transforms and applies an incoming operation and returns what to log; then {@link #commit()}
 * (after the log write succeeded) or {@link #rollback()} (the tree is restored exactly). {@link
 * #submit} does both phases at once.
 */
public final class ModelOperationProcessor {

    private final ModelTree tree;
    private final ServerConcurrencyControl control;
    private CommittedOperation pending;

    /**
     * Creates a processor with the standard transformation functions.
     *
     * @param tree the model's tree, at {@code version}
     * @param version the model's current version
     */
    public ModelOperationProcessor(ModelTree tree, long version) {
        this(tree, new ServerConcurrencyControl(OperationTransformer.standard(), new ReferenceTransformer(), version));
    }

    /**
     * Creates a processor with the standard transformation functions that keeps the latest
     * {@code keptHistory} operations in memory and reads older ones a client still needs from
     * {@code olderHistory}.
     *
     * @param tree the model's tree, at {@code version}
     * @param version the model's current version
     * @param olderHistory where committed operations no longer in memory are read from
     * @param keptHistory how many of the latest operations stay in memory
     */
    public ModelOperationProcessor(
            ModelTree tree, long version, ServerConcurrencyControl.HistorySource olderHistory, int keptHistory) {
        this(
                tree,
                new ServerConcurrencyControl(
                        OperationTransformer.standard(),
                        new ReferenceTransformer(),
                        version,
                        Objects.requireNonNull(olderHistory, "olderHistory"),
                        keptHistory));
    }

    /**
     * Creates a processor.
     *
     * @param tree the model's tree
     * @param control the concurrency control, at the tree's version
     */
    public ModelOperationProcessor(ModelTree tree, ServerConcurrencyControl control) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.control = Objects.requireNonNull(control, "control");
    }

    /** The tree (read it; change it only through this processor). */
    public ModelTree tree() {
        return tree;
    }

    /** The concurrency control. */
    public ServerConcurrencyControl control() {
        return control;
    }

    /** The model's current version. */
    public long version() {
        return control.version();
    }

    /**
     * Tracks a client at a version (see {@link ServerConcurrencyControl#trackClient}).
     *
     * @param sessionId the session
     * @param contextVersion its version
     */
    public void trackClient(String sessionId, long contextVersion) {
        control.trackClient(sessionId, contextVersion);
    }

    /**
     * Stops tracking a client.
     *
     * @param sessionId the session
     */
    public void untrackClient(String sessionId) {
        control.untrackClient(sessionId);
    }

    /**
     * Transforms and applies an incoming operation; it stays pending until {@link #commit()} or
     * {@link #rollback()}.
     *
     * @param sessionId the submitting session
     * @param contextVersion the client's context version
     * @param operation the operation as received
     * @return the committed form (valid once committed)
     * @throws ConcurrencyControlException on an invalid session or context version
     * @throws TransformationException if the operation conflicts impossibly with history
     * @throws InvalidOperationException if the transformed operation cannot apply
     */
    public CommittedOperation process(String sessionId, long contextVersion, Operation operation) {
        if (pending != null) {
            throw new IllegalStateException("commit or roll back the pending operation first");
        }
        ProcessedOperation processed = control.processRemoteOperation(sessionId, contextVersion, operation);
        Operation broadcast = withEmptySplicesAsNoOps(processed.operation());
        AppliedOperation applied;
        try {
            applied = tree.apply(broadcast);
        } catch (RuntimeException e) {
            control.rollback();
            throw e;
        }
        pending = new CommittedOperation(sessionId, processed.version(), broadcast, applied);
        return pending;
    }

    /**
     * Marks splices that neither delete nor insert as no-ops. The client's transforms can leave
     * such a splice at an index past the end of the string, and a receiving client validates the
     * index before noticing there is nothing to do (and throws); a no-op it skips. Transforms treat
     * both forms the same.
     */
    private static Operation withEmptySplicesAsNoOps(Operation operation) {
        if (operation instanceof DiscreteOperation d) {
            return ModelTree.isEmptySplice(d) && !d.noOp() ? d.asNoOp() : d;
        }
        CompoundOperation compound = (CompoundOperation) operation;
        List<DiscreteOperation> ops = new ArrayList<>(compound.operations().size());
        for (DiscreteOperation d : compound.operations()) {
            ops.add(ModelTree.isEmptySplice(d) && !d.noOp() ? d.asNoOp() : d);
        }
        return new CompoundOperation(ops);
    }

    /** Commits the pending operation. */
    public void commit() {
        if (pending == null) {
            throw new IllegalStateException("no pending operation");
        }
        control.commit();
        pending = null;
    }

    /** Undoes the pending operation on the tree and forgets it. */
    public void rollback() {
        if (pending == null) {
            throw new IllegalStateException("no pending operation");
        }
        tree.undo(pending.applied());
        control.rollback();
        pending = null;
    }

    /**
     * Processes and commits in one step.
     *
     * @param sessionId the submitting session
     * @param contextVersion the client's context version
     * @param operation the operation as received
     * @return the committed operation
     */
    public CommittedOperation submit(String sessionId, long contextVersion, Operation operation) {
        CommittedOperation committed = process(sessionId, contextVersion, operation);
        commit();
        return committed;
    }

    /**
     * Transforms a shared reference value to the current version, then drops what the tree no
     * longer has: a reference whose value was detached is cleared, element ids of detached values
     * leave an element reference.
     *
     * @param sessionId the session that set it
     * @param contextVersion the version it was set at
     * @param reference the value
     * @return the value to broadcast, or empty if it was cleared (send nothing)
     */
    public Optional<ReferenceValue> transformReference(
            String sessionId, long contextVersion, ReferenceValue reference) {
        Optional<ReferenceValue> value = control.processReferenceValue(sessionId, contextVersion, reference);
        if (value.isEmpty()) {
            return value;
        }
        ReferenceValue v = value.get();
        if (v instanceof ElementReference element) {
            List<String> live =
                    element.elementIds().stream().filter(tree::contains).toList();
            return Optional.of(new ElementReference(live));
        }
        return tree.contains(v.valueId()) ? value : Optional.empty();
    }
}
