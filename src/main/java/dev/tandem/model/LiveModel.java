package dev.tandem.model;

import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.ModelTask.Close;
import dev.tandem.model.ModelTask.Delete;
import dev.tandem.model.ModelTask.ForceClose;
import dev.tandem.model.ModelTask.IdleCheck;
import dev.tandem.model.ModelTask.Open;
import dev.tandem.model.ModelTask.Read;
import dev.tandem.model.ModelTask.Reference;
import dev.tandem.model.ModelTask.RefreshPermissions;
import dev.tandem.model.ModelTask.Replace;
import dev.tandem.model.ModelTask.Resync;
import dev.tandem.model.ModelTask.ResyncComplete;
import dev.tandem.model.ModelTask.Submit;
import dev.tandem.model.ModelWriter.Pending;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.value.ObjectValue;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open model: what each of its tasks does, run by its single {@link ModelWriter}.
 *
 * <p>Every change to the model (open, resync, operation, reference, close, delete, a data replacement by the server)
 * is a {@link ModelTask} run by the writer, one at a time, so the model needs no locks and its version increases by
 * exactly one per applied operation. An operation is applied in memory and acknowledged and broadcast once the
 * writer's group commit made it durable ({@link #committed}); any other task runs only on committed state, after the
 * acknowledgements of the operations before it (a close reply after the acks of the operations sent before it).
 *
 * <p>A resync runs as one task too: it replays the logged operations the reconnected session missed and only then
 * lets live operations reach it, so it sees every version once and in order, including those committed while its
 * client catches up (until it completes it is "resyncing": it gets operations and acknowledgements, but is not yet
 * announced as a collaborator). History reads ({@link #state()}) are tasks for the same reason: they see a version,
 * never half a batch.
 *
 * <p>Who has the model open and the references they share are its {@link ModelRoster}, which sessions join and
 * leave through {@link ModelSessions}; what changes the data and the references (an operation, a reference event, a
 * replacement by the server) goes through {@link ModelEdits}. Both are writer-confined parts of this model.
 * Permissions are checked in the writer too: open and resync need read, an operation needs write (without it the
 * operation is applied nowhere and its session is force-closed), and when permissions change every session's are
 * resolved again ({@link #permissionsChanged()}). Snapshots follow the {@link SnapshotPolicy} after each group commit.
 * When the last session leaves, the model stays loaded for the idle time ({@link ModelPolicies}), so that a quick
 * reopen reuses it; then it unloads, taking a snapshot if the policy allows one, and tells its {@link Owner}.
 */
final class LiveModel implements ModelWriter.Tasks {

    private static final Logger LOG = Logger.getLogger(LiveModel.class.getName());

    /**
     * The model as loaded: its operation processor at the latest version, when it was last modified, and its newest
     * snapshot (version and the modification time it records).
     */
    record Loaded(ModelOperationProcessor processor, Instant modifiedAt, long snapshotVersion, Instant snapshotAt) {}

    /** Who keeps the live models: hears when one unloads, and takes the requests that reached it too late. */
    interface Owner {

        /** {@code model} unloaded: the next request for it loads a fresh instance. */
        void unloaded(LiveModel model);

        /** An open reached {@code gone} after it unloaded: open the model again, on a fresh instance. */
        void open(LiveModel gone, ModelParticipant participant);

        /** A resync reached {@code gone} after it unloaded: resync on a fresh instance. */
        void resync(LiveModel gone, ModelParticipant participant, long contextVersion);
    }

    private final ModelContext context;
    private final ModelStore store;
    private final StoredModel stored;
    private final ModelPolicies policies;
    private final Owner owner;
    private final ModelWriter writer;

    // Writer-confined state: touched only by the writer's tasks.
    private final ModelOperationProcessor processor;
    private final ModelRoster roster = new ModelRoster();
    private final ModelSessions sessions;
    private final ModelEdits edits;
    private Instant modifiedAt;
    private boolean unloaded;

    LiveModel(ModelContext context, StoredModel stored, Loaded loaded, ModelPolicies policies, Owner owner) {
        this.context = context;
        this.store = context.store();
        this.stored = stored;
        this.processor = loaded.processor();
        this.modifiedAt = loaded.modifiedAt();
        this.policies = policies;
        this.owner = owner;
        policies.snapshotTaken(loaded.snapshotVersion(), loaded.snapshotAt());
        this.sessions = new ModelSessions(stored, context, processor, roster, policies);
        this.writer = new ModelWriter(stored, context.log(), context.pool(), this);
        this.edits = new ModelEdits(context, stored, processor, roster, sessions, writer);
    }

    String modelId() {
        return stored.modelId();
    }

    /** The model's row key in storage. */
    String ref() {
        return stored.ref();
    }

    String domainRef() {
        return stored.domainRef();
    }

    String collectionId() {
        return stored.collectionId();
    }

    /** The model's or its collection's permissions changed in storage. */
    void permissionsChanged() {
        writer.enqueue(new RefreshPermissions());
    }

    void open(ModelParticipant participant) {
        writer.enqueue(new Open(participant));
    }

    void resync(ModelParticipant participant, long contextVersion) {
        writer.enqueue(new Resync(participant, contextVersion));
    }

    void resyncComplete(ModelParticipant participant, boolean open) {
        writer.enqueue(new ResyncComplete(participant, open));
    }

    /** The model's current state, or null if this instance was unloaded meanwhile (read it from storage then). */
    CompletableFuture<ModelState> state() {
        CompletableFuture<ModelState> done = new CompletableFuture<>();
        writer.enqueue(new Read(done));
        return done;
    }

    void submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation) {
        writer.enqueue(new Submit(participant, sequenceNumber, contextVersion, operation));
    }

    void close(ModelParticipant participant, boolean reply) {
        writer.enqueue(new Close(participant, reply));
    }

    void reference(ModelParticipant participant, ReferenceEvent event) {
        writer.enqueue(new Reference(participant, event));
    }

    void forceClose(ModelParticipant participant, ForceCloseReason reason, String message) {
        writer.enqueue(new ForceClose(participant, reason, message));
    }

    /** See {@link Replace}. */
    CompletableFuture<Long> replace(Collaborator author, Function<String, ObjectValue> data) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        writer.enqueue(new Replace(author, data, done));
        return done;
    }

    CompletableFuture<Void> delete() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.enqueue(new Delete(done));
        return done;
    }

    /** See {@link ModelTask.Fence}: completes once the model dropped everything and unloaded. */
    CompletableFuture<Void> fence() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.enqueue(new ModelTask.Fence(done));
        return done;
    }

    @Override
    public void run(ModelTask task) {
        if (task instanceof ModelTask.Fence fence) {
            if (!unloaded) {
                failed(new WriterFencedException(context.log().writerId()));
            }
            fence.done().complete(null);
            return;
        }
        if (task instanceof Open open) {
            if (unloaded) {
                owner.open(this, open.participant()); // this instance is gone: the owner opens a fresh one
            } else if (sessions.open(open.participant(), modifiedAt)) {
                unloadIfIdle();
            }
        } else if (task instanceof Close close) {
            sessions.close(close.participant(), close.reply());
            unloadIfIdle();
        } else if (task instanceof Reference reference) {
            if (edits.reference(reference.participant(), reference.event())) {
                unloadIfIdle();
            }
        } else if (task instanceof Delete delete) {
            doDelete(delete.done());
        } else if (task instanceof Resync resync) {
            if (unloaded) {
                // This instance is gone: the owner loads a fresh one.
                owner.resync(this, resync.participant(), resync.contextVersion());
            } else if (sessions.resync(resync.participant(), resync.contextVersion())) {
                unloadIfIdle();
            }
        } else if (task instanceof ResyncComplete complete) {
            if (sessions.completeResync(complete.participant(), complete.open())) {
                unloadIfIdle();
            }
        } else if (task instanceof Read read) {
            read.done().complete(unloaded ? null : currentState());
        } else if (task instanceof Replace replace) {
            doReplace(replace);
        } else if (task instanceof RefreshPermissions) {
            if (!unloaded) {
                sessions.refreshPermissions();
                unloadIfIdle();
            }
        } else if (task instanceof IdleCheck check) {
            if (policies.stillIdle(check.generation())) {
                unloadIfIdle(true);
            }
        } else if (task instanceof ForceClose force) {
            sessions.forceClose(force.participant(), force.reason(), force.message());
            unloadIfIdle();
        }
    }

    @Override
    public void apply(Submit submit) {
        if (edits.submit(submit)) {
            unloadIfIdle();
        }
    }

    @Override
    public boolean committed(List<Pending> batch) {
        Pending last = batch.get(batch.size() - 1);
        modifiedAt = last.committedAt();
        roster.deliver(batch);
        return policies.snapshotRequired(last.committed().version() + 1, Instant.now());
    }

    @Override
    public void snapshot() {
        if (!unloaded) {
            takeSnapshot(Instant.now());
        }
    }

    @Override
    public void flush() {
        roster.flushReferenceEvents();
    }

    @Override
    public boolean holdsTooMuch() {
        return roster.holdsTooManyReferenceEvents();
    }

    private ModelState currentState() {
        return new ModelState(
                stored.modelId(),
                stored.collectionId(),
                processor.version(),
                stored.createdAt(),
                modifiedAt,
                processor.tree().toValue());
    }

    /** Replaces the data as one operation of its author (see {@link ModelEdits#replace}). */
    private void doReplace(Replace replace) {
        if (unloaded) {
            replace.done().complete(null);
            return;
        }
        edits.replace(replace); // a failed commit throws: the model fails, as for any lost commit
        unloadIfIdle();
    }

    private void takeSnapshot(Instant now) {
        store.snapshot(
                stored.ref(),
                stored.domainRef(),
                processor.version(),
                modifiedAt,
                processor.tree().toValue());
        policies.snapshotTaken(processor.version(), now);
    }

    private void doDelete(CompletableFuture<Void> done) {
        try {
            store.delete(stored.domainRef(), stored.modelId());
            for (ModelParticipant p : roster.clear()) {
                p.forceClosed(ForceCloseReason.DELETED, "the model was deleted");
            }
            unload();
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private void unloadIfIdle() {
        unloadIfIdle(policies.unloadsAtOnce());
    }

    /** With {@code now} false, an idle model starts its idle period instead: a timer checks again later. */
    private void unloadIfIdle(boolean now) {
        if (!roster.isEmpty() || unloaded) {
            return;
        }
        if (!now) {
            policies.startIdlePeriod(generation -> writer.enqueue(new IdleCheck(generation)));
            return;
        }
        Instant at = Instant.now();
        if (policies.snapshotAllowed(processor.version(), at)) {
            takeSnapshot(at); // the next load starts here instead of replaying the log
        }
        unload();
    }

    private void unload() {
        unloaded = true;
        owner.unloaded(this);
    }

    /**
     * The in-memory state may be ahead of the database: drop it and let every session reopen from storage. If this
     * node's writer was fenced (another node took its models over), the sessions hear that their model's owner is
     * lost and resynchronize with the next one; otherwise the model is closed for them.
     */
    @Override
    public void failed(RuntimeException cause) {
        boolean fenced = false;
        for (Throwable t = cause; t != null && !fenced; t = t.getCause() == t ? null : t.getCause()) {
            fenced = t instanceof WriterFencedException;
        }
        List<ModelParticipant> closing = roster.clear();
        writer.dropBatch(); // never committed, never acknowledged: those clients are closed below
        // The sessions are told before the model unloads: once it has, an operation a client sent meanwhile finds no
        // model and is answered with a force close, which a session whose owner was lost ignores, but only if it
        // already knows (rc.12 keeps a force-closed model closed, even after it reconnects elsewhere).
        for (ModelParticipant p : closing) {
            try {
                if (fenced) {
                    p.ownerLost();
                } else {
                    p.forceClosed(ForceCloseReason.UNKNOWN, "the server could not save the model; open it again");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "force close failed", e);
            }
        }
        if (!unloaded) {
            unload();
        }
        writer.drainQueue(task -> ModelTask.settleUnrun(task, this, owner));
    }
}
