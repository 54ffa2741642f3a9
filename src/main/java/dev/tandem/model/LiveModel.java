package dev.tandem.model;

import dev.tandem.model.ModelStore.LoggedOperation;
import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.reference.ReferenceTransformer;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.server.CommittedOperation;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.value.ModelTooLargeException;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.identity.DomainUserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open model and its single writer.
 *
 * <p>Every change to the model (open, resync, operation, reference, close, delete, a data replacement by the server)
 * is a task in one queue, run in order by at most one thread at a time on a shared pool, so the model needs no locks
 * and its version increases by exactly one per applied operation. Consecutive operations are applied in memory and
 * then handed to the node's {@link OperationLog} as one batch, which commits it together with other models' batches
 * (group commit); only after that commit are they acknowledged and broadcast, so nothing a client was told about can
 * be lost. While a batch commits, the writer goes on applying the operations that arrive into the next batch (at
 * most one batch is in flight, so batches commit in version order). A task that is not an operation waits until
 * every operation applied before it is committed and acknowledged, which keeps every reply in order with the
 * acknowledgements before it (for example, a close reply after the acks of the operations sent before it) and lets
 * it see only committed state.
 *
 * <p>A resync runs as one task too: it replays the logged operations the reconnected session missed and only then
 * lets live operations reach it, so it sees every version once and in order, including those committed while its
 * client catches up (until it completes it is "resyncing": it gets operations and acknowledgements, but is not yet
 * announced as a collaborator). History reads ({@link #state()}) are tasks for the same reason: they see a version,
 * never half a batch.
 *
 * <p>Permissions are checked in the writer too: open and resync need read, an operation needs write (without it the
 * operation is applied nowhere and its session is force-closed), and when permissions change every session's are
 * resolved again ({@link #permissionsChanged()}). Snapshots follow the {@link SnapshotPolicy} after each group
 * commit. When the last session leaves, the model stays loaded for the idle time ({@link Policies#idleUnload()}), so
 * that a quick reopen reuses it; then it unloads, taking a snapshot if the policy allows one.
 */
final class LiveModel {

    private static final Logger LOG = Logger.getLogger(LiveModel.class.getName());
    private static final int MAX_BATCH = 512;
    /**
     * The fewest operations the processor may keep in memory: at most one batch is applied but not yet handed to the
     * log and one is committing, so anything older is durable and can be read back from the database.
     */
    static final int MIN_KEPT_HISTORY = 4 * MAX_BATCH;
    private static final int MAX_HELD_REFERENCE_EVENTS = 64;

    private sealed interface Task {
    }

    private record Open(ModelParticipant participant) implements Task {
    }

    private record Submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation)
            implements Task {
    }

    private record Close(ModelParticipant participant, boolean reply) implements Task {
    }

    private record Reference(ModelParticipant participant, ReferenceEvent event) implements Task {
    }

    private record Delete(CompletableFuture<Void> done) implements Task {
    }

    private record ForceClose(ModelParticipant participant, ForceCloseReason reason, String message) implements Task {
    }

    /** A session that reconnected catches up from {@code contextVersion}, then stays (or closes, see ResyncComplete). */
    private record Resync(ModelParticipant participant, long contextVersion) implements Task {
    }

    private record ResyncComplete(ModelParticipant participant, boolean open) implements Task {
    }

    /** The model's or its collection's permissions changed: resolve every session's again. */
    private record RefreshPermissions() implements Task {
    }

    /** The idle time of the idle period {@code generation} is over: unload if nobody came back meanwhile. */
    private record IdleCheck(long generation) implements Task {
    }

    /** Reads the current state between two operations, so that it matches its version. */
    private record Read(CompletableFuture<ModelState> done) implements Task {
    }

    /**
     * The server replaces the model's data (the admin API): applied as an operation of {@code author}, so that every
     * open session receives it as a remote operation. {@code data} builds the new data from a fresh value-id prefix.
     * Completes with the version after it, or null if this instance was unloaded meanwhile (retry on a fresh one).
     */
    private record Replace(Collaborator author, Function<String, ObjectValue> data, CompletableFuture<Long> done)
            implements Task {
    }

    /** A batch handed to the log: {@code committed} completes when it is durable, or fails with what lost it. */
    private record InFlight(List<Pending> batch, CompletableFuture<Void> committed) {
    }

    /** {@code author} is null for a session's operation, else the server's stand-in that made it. */
    private record Pending(ModelParticipant submitter, int sequenceNumber, CommittedOperation committed,
            Instant committedAt, Collaborator author) {
    }

    private record ReferenceKey(String sessionId, String valueId, String key) {
    }

    /**
     * What a live model applies besides its data: who may do what (loaded in the writer, when the model loads and
     * when permissions change), when to take snapshots, and how long to stay loaded without sessions.
     *
     * @param access loads the model's permission settings and its collection's
     * @param snapshots the snapshot policy (the collection's, else the domain's)
     * @param snapshotAt when the newest stored snapshot was taken (the modification time it records)
     * @param idleUnload how long the model stays loaded after its last session left; zero unloads at once
     * @param timer runs idle timers (they only enqueue a task); may be null when {@code idleUnload} is zero
     */
    record Policies(Supplier<ModelAccess> access, SnapshotPolicy snapshots, Instant snapshotAt, Duration idleUnload,
            ScheduledExecutorService timer) {
    }

    private final ModelStore store;
    private final OperationLog log;
    private final Executor pool;
    private final Policies policies;
    private final StoredModel stored;
    private final Consumer<LiveModel> onUnload;
    private final Consumer<ModelParticipant> reopen;
    private final BiConsumer<ModelParticipant, Long> reresync;
    private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    // Set by the log when the batch in flight is durable or lost (before its future completes), read by the writer.
    private final AtomicBoolean commitFinished = new AtomicBoolean();

    // Writer-confined state: touched only by drain().
    private final ModelOperationProcessor processor;
    private final ReferenceTransformer referenceTransformer = new ReferenceTransformer();
    private final Map<String, ModelParticipant> participants = new LinkedHashMap<>();
    // Sessions between their resync request and their resync completion: they receive operations (replayed ones
    // first, then live ones, so none committed meanwhile is lost) and acknowledgements, but nothing about
    // collaborators or references, which their client learns all at once when the resync completes.
    private final Map<String, ModelParticipant> resyncing = new LinkedHashMap<>();
    private final Map<ReferenceKey, SharedReference> references = new LinkedHashMap<>();
    private final Map<String, ModelPermissions> permissions = new LinkedHashMap<>();
    // Sessions that resynchronized and have not yet submitted at or after the version they resynchronized at (which
    // this maps them to): see resentContextVersion().
    private final Map<String, Long> resyncedAt = new HashMap<>();
    private ModelAccess access;
    private Instant modifiedAt;
    private long snapshotVersion;
    private Instant snapshotAt;
    private long idleGeneration;
    private boolean unloaded;
    // Applied in memory, not yet handed to the log.
    private List<Pending> batch = new ArrayList<>();
    // Handed to the log, not yet acknowledged; at most one.
    private InFlight inFlight;
    // The snapshot policy asks for one: taken as soon as memory holds only committed operations.
    private boolean snapshotDue;
    // Reference tasks run since the participants were last flushed; see flushReferenceEvents().
    private int heldReferenceEvents;

    /** A model everyone may edit, with the default snapshot policy, that unloads as soon as it is idle. */
    LiveModel(ModelStore store, Executor pool, StoredModel stored, ModelOperationProcessor processor,
            Instant modifiedAt, long snapshotVersion, Consumer<LiveModel> onUnload, Consumer<ModelParticipant> reopen,
            BiConsumer<ModelParticipant, Long> reresync) {
        this(store, new OperationLog(store, pool), pool, stored, processor, modifiedAt, snapshotVersion, onUnload,
                reopen, reresync,
                new Policies(() -> ModelAccess.OPEN, SnapshotPolicy.DEFAULT, modifiedAt, Duration.ZERO, null));
    }

    LiveModel(ModelStore store, OperationLog log, Executor pool, StoredModel stored,
            ModelOperationProcessor processor, Instant modifiedAt, long snapshotVersion, Consumer<LiveModel> onUnload,
            Consumer<ModelParticipant> reopen, BiConsumer<ModelParticipant, Long> reresync, Policies policies) {
        this.store = store;
        this.log = log;
        this.pool = pool;
        this.policies = policies;
        this.snapshotAt = policies.snapshotAt();
        this.stored = stored;
        this.processor = processor;
        this.modifiedAt = modifiedAt;
        this.snapshotVersion = snapshotVersion;
        this.onUnload = onUnload;
        this.reopen = reopen;
        this.reresync = reresync;
    }

    String modelId() {
        return stored.modelId();
    }

    String domainRef() {
        return stored.domainRef();
    }

    String collectionId() {
        return stored.collectionId();
    }

    /** The model's or its collection's permissions changed in storage. */
    void permissionsChanged() {
        enqueue(new RefreshPermissions());
    }

    void open(ModelParticipant participant) {
        enqueue(new Open(participant));
    }

    void resync(ModelParticipant participant, long contextVersion) {
        enqueue(new Resync(participant, contextVersion));
    }

    void resyncComplete(ModelParticipant participant, boolean open) {
        enqueue(new ResyncComplete(participant, open));
    }

    /** The model's current state, or null if this instance was unloaded meanwhile (read it from storage then). */
    CompletableFuture<ModelState> state() {
        CompletableFuture<ModelState> done = new CompletableFuture<>();
        enqueue(new Read(done));
        return done;
    }

    void submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation) {
        enqueue(new Submit(participant, sequenceNumber, contextVersion, operation));
    }

    void close(ModelParticipant participant, boolean reply) {
        enqueue(new Close(participant, reply));
    }

    void reference(ModelParticipant participant, ReferenceEvent event) {
        enqueue(new Reference(participant, event));
    }

    void forceClose(ModelParticipant participant, ForceCloseReason reason, String message) {
        enqueue(new ForceClose(participant, reason, message));
    }

    /** See {@link Replace}. */
    CompletableFuture<Long> replace(Collaborator author, Function<String, ObjectValue> data) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        enqueue(new Replace(author, data, done));
        return done;
    }

    CompletableFuture<Void> delete() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new Delete(done));
        return done;
    }

    private void enqueue(Task task) {
        queue.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        boolean waitingForCommit = false;
        try {
            waitingForCommit = runTasks();
            flushReferenceEvents();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "model " + stored.modelId() + " failed; closing it for all its sessions", e);
            fail();
        } finally {
            scheduled.set(false);
            // A task held back for a commit runs when the commit finishes, which schedules this again.
            if ((commitFinished.get() || (!waitingForCommit && !queue.isEmpty()))
                    && scheduled.compareAndSet(false, true)) {
                pool.execute(this::drain);
            }
        }
    }

    /**
     * Runs tasks until the queue is empty or the next one must wait for the batch in flight.
     *
     * @return true if a task waits for the commit in flight
     */
    private boolean runTasks() {
        while (true) {
            if (commitFinished.getAndSet(false)) {
                InFlight committed = takeCommitted();
                if (!batch.isEmpty() && log.overlapsCommits()) {
                    // What arrived during that commit commits on another thread while this one sends the acks.
                    startCommit(false);
                }
                acknowledge(committed);
                continue; // without overlap, the next turn commits the rest in this thread
            }
            Task task = queue.peek();
            // Anything but an operation runs on committed state only; so does a due snapshot; a full batch waits.
            boolean held = task != null && (!(task instanceof Submit) || snapshotDue || batch.size() >= MAX_BATCH);
            if (task == null || held) {
                if (inFlight == null && !batch.isEmpty()) {
                    startCommit(true); // in this thread if no round is running: the next turn acknowledges it
                    continue;
                }
                if (inFlight != null) {
                    return task != null;
                }
                if (snapshotDue && !unloaded) {
                    takeSnapshot(Instant.now());
                }
                snapshotDue = false;
                if (task == null) {
                    return false;
                }
            }
            queue.poll();
            if (task instanceof Submit submit) {
                apply(submit);
            } else {
                run(task);
                if (heldReferenceEvents >= MAX_HELD_REFERENCE_EVENTS) {
                    flushReferenceEvents();
                }
            }
        }
    }

    /**
     * Hands the batch to the log, to commit in this thread ({@code here}) or on the pool; the writer learns of its
     * outcome through {@link #commitFinished}.
     */
    private void startCommit(boolean here) {
        List<Pending> handed = batch;
        batch = new ArrayList<>();
        List<NewOperation> entries = new ArrayList<>(handed.size());
        for (Pending pending : handed) {
            CommittedOperation c = pending.committed();
            entries.add(new NewOperation(c.version() + 1, c.sessionId(), pending.committedAt(),
                    ModelJson.write(c.operation()), ModelJson.write(c.applied())));
        }
        CompletableFuture<Void> committed = new CompletableFuture<>();
        inFlight = new InFlight(handed, committed);
        log.append(new OperationLog.Append(stored.ref(), stored.domainRef(), entries, error -> {
            commitFinished.set(true);
            if (error == null) {
                committed.complete(null);
            } else {
                committed.completeExceptionally(error);
            }
            schedule();
        }), here);
    }

    /** The batch that was in flight, now durable; throws what lost it instead, which fails the model. */
    private InFlight takeCommitted() {
        InFlight done = inFlight;
        inFlight = null;
        try {
            done.committed().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return done;
    }

    /** Acknowledges and broadcasts a committed batch. */
    private void acknowledge(InFlight done) {
        List<Pending> committed = done.batch();
        Pending last = committed.get(committed.size() - 1);
        modifiedAt = last.committedAt();
        List<ModelParticipant> submitters = new ArrayList<>(4);
        for (Pending pending : committed) {
            CommittedOperation c = pending.committed();
            ModelParticipant submitter = member(c.sessionId());
            if (submitter != null && pending.author() == null) {
                submitter.acknowledged(pending.sequenceNumber(), c.version(), pending.committedAt());
                if (!submitters.contains(submitter)) {
                    submitters.add(submitter);
                }
            }
            // Every open participant was told about every other open one (on its open or resync, or since).
            if (pending.author() == null && participants.containsKey(c.sessionId())) {
                forOthers(c.sessionId(), p -> p.remoteOperationFromCollaborator(c.sessionId(), c.version(),
                        pending.committedAt(), c.operation()));
            } else {
                forOthers(c.sessionId(), p -> deliver(p, pending));
            }
            for (ModelParticipant p : resyncing.values()) {
                if (!p.sessionId().equals(c.sessionId())) {
                    deliver(p, pending);
                }
            }
        }
        // Each session's share of the batch leaves together (one write per client, not one per operation);
        // acknowledgements first, as the clients waiting for them send their next operations on receipt.
        submitters.forEach(ModelParticipant::flush);
        participants.values().forEach(ModelParticipant::flush);
        resyncing.values().forEach(ModelParticipant::flush);
        long version = last.committed().version() + 1;
        if (policies.snapshots().required(snapshotVersion, snapshotAt, version, Instant.now())) {
            snapshotDue = true;
        }
    }

    /**
     * Waits, blocking this thread, until every operation applied so far is committed and acknowledged: for the rare
     * paths that must answer right after them (a refused operation, a replacement by the server).
     */
    private void commitAndWait() {
        while (inFlight != null || !batch.isEmpty()) {
            if (inFlight == null) {
                startCommit(true);
            }
            log.awaitCommitted(inFlight.committed());
            commitFinished.set(false); // set before the future completed: consumed here
            acknowledge(takeCommitted());
        }
    }

    private void run(Task task) {
        if (task instanceof Open open) {
            doOpen(open.participant());
        } else if (task instanceof Close close) {
            doClose(close.participant(), close.reply());
        } else if (task instanceof Reference reference) {
            doReference(reference.participant(), reference.event());
        } else if (task instanceof Delete delete) {
            doDelete(delete.done());
        } else if (task instanceof Resync resync) {
            doResync(resync.participant(), resync.contextVersion());
        } else if (task instanceof ResyncComplete complete) {
            doResyncComplete(complete.participant(), complete.open());
        } else if (task instanceof Read read) {
            read.done().complete(unloaded ? null : new ModelState(stored.modelId(), stored.collectionId(),
                    processor.version(), stored.createdAt(), modifiedAt, processor.tree().toValue()));
        } else if (task instanceof Replace replace) {
            doReplace(replace);
        } else if (task instanceof RefreshPermissions) {
            doRefreshPermissions();
        } else if (task instanceof IdleCheck check) {
            if (check.generation() == idleGeneration) {
                unloadIfIdle(true);
            }
        } else if (task instanceof ForceClose force) {
            if (member(force.participant().sessionId()) == force.participant()) {
                remove(force.participant());
            }
            force.participant().forceClosed(force.reason(), force.message());
            unloadIfIdle();
        }
    }

    private void doOpen(ModelParticipant participant) {
        if (unloaded) {
            reopen.accept(participant); // this instance is gone: the service opens a fresh one
            return;
        }
        String sessionId = participant.sessionId();
        if (member(sessionId) != null) {
            participant.openFailed("model_already_open", "this session already has model " + stored.modelId()
                    + " open");
            return;
        }
        ModelPermissions granted = resolve(participant);
        if (!granted.read()) {
            participant.openFailed("unauthorized", "no permission to read model " + stored.modelId());
            unloadIfIdle(); // it may have been loaded for this request alone
            return;
        }
        String prefix = Long.toString(store.nextValueIdPrefix(stored.ref()), Character.MAX_RADIX);
        processor.trackClient(sessionId, processor.version());
        participants.put(sessionId, participant);
        permissions.put(sessionId, granted);
        List<Collaborator> collaborators = new ArrayList<>();
        for (ModelParticipant p : participants.values()) {
            collaborators.add(new Collaborator(p.sessionId(), p.user()));
        }
        participant.opened(new OpenedModel(stored.modelId(), stored.collectionId(), prefix, processor.version(),
                stored.createdAt(), modifiedAt, processor.tree().toValue(), collaborators,
                List.copyOf(references.values()), granted));
        Collaborator joined = new Collaborator(sessionId, participant.user());
        forOthers(sessionId, p -> p.collaboratorOpened(joined));
    }

    private void doResync(ModelParticipant participant, long contextVersion) {
        if (unloaded) {
            reresync.accept(participant, contextVersion); // this instance is gone: the service loads a fresh one
            return;
        }
        String sessionId = participant.sessionId();
        if (member(sessionId) != null) {
            participant.openFailed("model_already_open", "this session already has model " + stored.modelId()
                    + " open");
            return;
        }
        ModelPermissions granted = resolve(participant);
        if (!granted.read()) {
            // Revoked while the client was away: the client reports this as a resync error with this message.
            participant.openFailed("unauthorized", "the permission to read model " + stored.modelId()
                    + " was revoked");
            unloadIfIdle();
            return;
        }
        long current = processor.version();
        if (contextVersion < 1 || contextVersion > current) {
            participant.openFailed("invalid_version", "model " + stored.modelId() + " is at version " + current
                    + ", the client says " + contextVersion);
            unloadIfIdle(); // it may have been loaded for this request alone
            return;
        }
        // Every operation of this model is committed (a task that is not a submission waits for that); filing makes
        // them readable from the per-model log.
        log.flush();
        List<LoggedOperation> missed = store.operationsAfter(stored.ref(), contextVersion);
        long expected = contextVersion;
        Set<String> named = new LinkedHashSet<>();
        for (LoggedOperation logged : missed) {
            if (logged.version() != ++expected) {
                throw new ModelStoreException("model " + stored.modelId() + " has a gap in its log at version "
                        + expected, null);
            }
            named.add(logged.sessionId());
        }
        if (expected != current) {
            throw new ModelStoreException("model " + stored.modelId() + ": log ends at " + expected
                    + ", memory is at " + current, null);
        }
        // The client rebases its in-flight operations across the replayed ones before resending them, so they arrive
        // based on the current version or a later one: that is where it is tracked (older history may be pruned).
        // Not all of them, though: see resyncedAt.
        processor.trackClient(sessionId, current);
        resyncedAt.put(sessionId, current);
        permissions.put(sessionId, granted);
        participant.resyncStarted(current, named, granted);
        for (LoggedOperation logged : missed) {
            // The original session id: if it is the client's own old session, the client takes it for its ack.
            participant.remoteOperation(logged.sessionId(), logged.version() - 1, logged.committedAt(),
                    logged.operation());
        }
        participant.flush();
        // From here on live operations reach it too, after the replay and in commit order.
        resyncing.put(sessionId, participant);
        Collaborator starting = new Collaborator(sessionId, participant.user());
        forOthers(sessionId, p -> p.collaboratorResyncStarted(starting));
    }

    private void doResyncComplete(ModelParticipant participant, boolean open) {
        String sessionId = participant.sessionId();
        if (resyncing.get(sessionId) != participant) {
            // Closed meanwhile (its socket went away or the model failed): only a closing client still listens.
            if (!open) {
                participant.resyncCompleted(ResyncedModel.CLOSED);
            }
            return;
        }
        resyncing.remove(sessionId);
        if (!open) {
            processor.untrackClient(sessionId);
            participant.resyncCompleted(ResyncedModel.CLOSED);
            forOthers(sessionId, p -> p.collaboratorResyncCompleted(sessionId));
            unloadIfIdle();
            return;
        }
        participants.put(sessionId, participant);
        List<Collaborator> collaborators = new ArrayList<>();
        for (ModelParticipant p : participants.values()) {
            collaborators.add(new Collaborator(p.sessionId(), p.user()));
        }
        participant.resyncCompleted(new ResyncedModel(collaborators, List.copyOf(resyncing.keySet()),
                List.copyOf(references.values())));
        Collaborator joined = new Collaborator(sessionId, participant.user());
        forOthers(sessionId, p -> {
            p.collaboratorOpened(joined);
            p.collaboratorResyncCompleted(sessionId);
        });
    }

    /** An open or resynchronizing participant of this session, or null. */
    private ModelParticipant member(String sessionId) {
        ModelParticipant open = participants.get(sessionId);
        return open != null ? open : resyncing.get(sessionId);
    }

    private void apply(Submit submit) {
        ModelParticipant submitter = submit.participant();
        if (member(submitter.sessionId()) != submitter) {
            return; // closed meanwhile: the client no longer waits for this ack
        }
        if (!log.takesOperations()) {
            // The server is stopping and its sockets close once what was applied is acknowledged: applying this one
            // now could commit it after its session's socket closed, and the client cannot take an operation it
            // never got the ack of back in its resync (it closes the model). Not applied, it stays in flight in the
            // client, which sends it again after it reconnects. Later ones of the session are dropped too (the flag
            // never goes back), so what the session had applied is a prefix of what it sent, as the client expects.
            return;
        }
        if (!permissions.getOrDefault(submitter.sessionId(), ModelPermissions.NONE).write()) {
            // Its client applied it locally; nobody else sees it, and the session closes, acknowledged up to here.
            commitAndWait();
            remove(submitter);
            submitter.forceClosed(ForceCloseReason.UNAUTHORIZED, "no permission to write model " + stored.modelId());
            unloadIfIdle();
            return;
        }
        CommittedOperation committed;
        try {
            committed = processor.process(submitter.sessionId(), resentContextVersion(submit), submit.operation());
            processor.commit();
        } catch (RuntimeException e) {
            // The operation is rejected and changed nothing; earlier accepted ones are acknowledged first. A client
            // that sends nonsense is routine (FINE); one that hits the size limit is news for the operator.
            LOG.log(e instanceof ModelTooLargeException ? Level.INFO : Level.FINE,
                    "operation from session {0} on model {1} (domain {2}) refused: {3}",
                    new Object[] {submitter.sessionId(), stored.modelId(), stored.domainRef(), e.getMessage()});
            commitAndWait();
            remove(submitter);
            submitter.forceClosed(ForceCloseReason.ERROR_APPLYING_OPERATION,
                    "the operation could not be applied: " + e.getMessage());
            unloadIfIdle();
            return;
        }
        rebaseReferences(committed.operation());
        batch.add(new Pending(submitter, submit.sequenceNumber(), committed, Instant.now(), null));
    }

    /**
     * The context version to process a submission at. rc.12 rebases its in-flight operations only across remote
     * operations, not across acknowledgements of its own: an operation sent while an earlier one of the same client
     * was unacknowledged keeps the version from before that one's ack. When the connection dropped after such an ack,
     * the client resends it after its resync with a version older than the one it resynchronized at, and the versions
     * in between are all its own operations (had it received anybody else's, it would have rebased the operation
     * past them), which it had applied before making this one. So it is based on the resync version: transforming it
     * across those again would apply them twice, and refusing it (older than the version the session is tracked at)
     * closed the model for a client that did nothing wrong, after every kill -9 that landed among pipelined acks. The
     * first submission at or after that version ends this: from then on the client's versions only grow.
     */
    private long resentContextVersion(Submit submit) {
        String sessionId = submit.participant().sessionId();
        Long resynced = resyncedAt.get(sessionId);
        if (resynced == null) {
            return submit.contextVersion();
        }
        if (submit.contextVersion() >= resynced) {
            resyncedAt.remove(sessionId);
            return submit.contextVersion();
        }
        return resynced;
    }

    private static void deliver(ModelParticipant p, Pending pending) {
        CommittedOperation c = pending.committed();
        if (pending.author() != null) {
            p.serverOperation(pending.author(), c.version(), pending.committedAt(), c.operation());
        } else {
            p.remoteOperation(c.sessionId(), c.version(), pending.committedAt(), c.operation());
        }
    }

    /**
     * Replaces the data as one operation of {@code author}, committed and broadcast like a session's. A non-empty
     * object is set on the root; an empty one removes each root property instead, because rc.12 clients crash on an
     * object set without values. Nothing changes (no version) when both old and new data are empty.
     */
    private void doReplace(Replace replace) {
        if (unloaded) {
            replace.done().complete(null);
            return;
        }
        ObjectValue data;
        try {
            data = replace.data().apply(Long.toString(store.nextValueIdPrefix(stored.ref()), Character.MAX_RADIX));
        } catch (RuntimeException e) {
            replace.done().completeExceptionally(e);
            unloadIfIdle();
            return;
        }
        String rootId = processor.tree().rootId();
        Operation operation;
        if (!data.children().isEmpty()) {
            operation = new ObjectSetOperation(rootId, false, data.children());
        } else {
            List<DiscreteOperation> removals = new ArrayList<>();
            for (String key : processor.tree().toValue().children().keySet()) {
                removals.add(new ObjectRemovePropertyOperation(rootId, false, key));
            }
            if (removals.isEmpty()) {
                replace.done().complete(processor.version());
                unloadIfIdle();
                return;
            }
            operation = new CompoundOperation(removals);
        }
        String sessionId = replace.author().sessionId();
        CommittedOperation committed;
        processor.trackClient(sessionId, processor.version());
        try {
            committed = processor.process(sessionId, processor.version(), operation);
            processor.commit();
        } catch (RuntimeException e) {
            replace.done().completeExceptionally(e);
            unloadIfIdle();
            return;
        } finally {
            processor.untrackClient(sessionId);
        }
        rebaseReferences(committed.operation());
        batch.add(new Pending(null, 0, committed, Instant.now(), replace.author()));
        try {
            commitAndWait();
        } catch (RuntimeException e) {
            replace.done().completeExceptionally(e);
            throw e; // the model fails as for any lost commit
        }
        replace.done().complete(processor.version());
        unloadIfIdle();
    }

    private void takeSnapshot(Instant now) {
        store.snapshot(stored.ref(), stored.domainRef(), processor.version(), modifiedAt, processor.tree().toValue());
        snapshotVersion = processor.version();
        snapshotAt = now;
    }

    /** What this participant's user may do now. */
    private ModelPermissions resolve(ModelParticipant participant) {
        if (access == null) {
            access = policies.access().get();
        }
        return access.permissionsOf(DomainUserId.of(participant.user()));
    }

    private void doRefreshPermissions() {
        if (unloaded) {
            return;
        }
        access = policies.access().get();
        List<ModelParticipant> members = new ArrayList<>(participants.values());
        members.addAll(resyncing.values());
        for (ModelParticipant p : members) {
            ModelPermissions now = access.permissionsOf(DomainUserId.of(p.user()));
            if (now.equals(permissions.get(p.sessionId()))) {
                continue;
            }
            if (!now.read()) {
                remove(p);
                p.forceClosed(ForceCloseReason.PERMISSION_ERROR, "the permission to read model " + stored.modelId()
                        + " was revoked");
            } else {
                permissions.put(p.sessionId(), now);
                p.permissionsChanged(now);
            }
        }
        unloadIfIdle();
    }

    private void doClose(ModelParticipant participant, boolean reply) {
        if (member(participant.sessionId()) == participant) {
            remove(participant);
        }
        if (reply) {
            participant.closed();
        }
        unloadIfIdle();
    }

    private void remove(ModelParticipant participant) {
        String sessionId = participant.sessionId();
        boolean wasOpen = participants.remove(sessionId) != null;
        resyncing.remove(sessionId);
        resyncedAt.remove(sessionId);
        processor.untrackClient(sessionId);
        permissions.remove(sessionId);
        references.keySet().removeIf(key -> key.sessionId().equals(sessionId));
        if (wasOpen) {
            // A session that left while resynchronizing was never announced as open to the others.
            forOthers(sessionId, p -> p.collaboratorClosed(sessionId));
        }
    }

    /**
     * Sends the reference events held since the last flush. A run of reference tasks (a collaborator moving its
     * cursor) is delivered in one write per client; held for at most {@link #MAX_HELD_REFERENCE_EVENTS} tasks, and
     * never past the end of the turn.
     */
    private void flushReferenceEvents() {
        if (heldReferenceEvents > 0) {
            heldReferenceEvents = 0;
            participants.values().forEach(ModelParticipant::flush);
        }
    }

    private void doReference(ModelParticipant participant, ReferenceEvent event) {
        String sessionId = participant.sessionId();
        if (participants.get(sessionId) != participant) {
            return;
        }
        heldReferenceEvents++;
        ReferenceKey key = new ReferenceKey(sessionId, event.valueId(), event.key());
        SharedReference known = references.get(key);
        switch (event.kind()) {
            case SHARE, SET -> {
                Optional<ReferenceValue> rebased;
                try {
                    rebased = processor.transformReference(sessionId, event.contextVersion(), event.value());
                } catch (RuntimeException e) {
                    // A version the session is past or the model has not reached (only a broken or hostile client
                    // sends one): that session is closed with the reason, as for an operation that cannot be
                    // applied. Left to drain(), it closed the model for every session and logged a stack trace.
                    LOG.log(Level.FINE, "reference from {0} on {1} rejected: {2}",
                            new Object[] {sessionId, stored.modelId(), e.toString()});
                    commitAndWait();
                    remove(participant);
                    participant.forceClosed(ForceCloseReason.INVALID_REFERENCE_EVENT,
                            "the reference could not be applied: " + e.getMessage());
                    unloadIfIdle();
                    return;
                }
                if (rebased.isEmpty()) {
                    return; // it pointed at something another session removed meanwhile
                }
                references.put(key, new SharedReference(sessionId, event.valueId(), event.key(), rebased.get()));
                // A set for a reference this session never shared (the client does that after a resync) is taken
                // as a share, so the others learn about it instead of the model being closed.
                boolean announce = known == null || event.kind() == ReferenceEvent.Kind.SHARE;
                forOthers(sessionId, p -> {
                    if (announce) {
                        p.referenceShared(sessionId, event.key(), rebased.get());
                    } else {
                        p.referenceSet(sessionId, event.key(), rebased.get());
                    }
                });
            }
            case CLEAR -> {
                if (known != null) {
                    references.put(key, new SharedReference(sessionId, event.valueId(), event.key(),
                            emptied(known.value())));
                    forOthers(sessionId, p -> p.referenceCleared(sessionId, event.valueId(), event.key()));
                }
            }
            case UNSHARE -> {
                if (known != null) {
                    references.remove(key);
                    forOthers(sessionId, p -> p.referenceUnshared(sessionId, event.valueId(), event.key()));
                }
            }
        }
    }

    /** Keeps stored references at the model's current version, as every client does with its remote references. */
    private void rebaseReferences(Operation operation) {
        for (Iterator<Map.Entry<ReferenceKey, SharedReference>> it = references.entrySet().iterator(); it.hasNext();) {
            Map.Entry<ReferenceKey, SharedReference> entry = it.next();
            SharedReference shared = entry.getValue();
            Optional<ReferenceValue> rebased = referenceTransformer.transform(operation, shared.value());
            if (rebased.isEmpty()) {
                it.remove();
            } else if (!rebased.get().equals(shared.value())) {
                entry.setValue(new SharedReference(shared.sessionId(), shared.valueId(), shared.key(), rebased.get()));
            }
        }
    }

    private static ReferenceValue emptied(ReferenceValue value) {
        if (value instanceof IndexReference index) {
            return new IndexReference(index.valueId(), List.of());
        }
        if (value instanceof RangeReference range) {
            return new RangeReference(range.valueId(), List.of());
        }
        if (value instanceof PropertyReference property) {
            return new PropertyReference(property.valueId(), List.of());
        }
        return new ElementReference(List.of());
    }

    private void doDelete(CompletableFuture<Void> done) {
        try {
            store.delete(stored.domainRef(), stored.modelId());
            List<ModelParticipant> closing = new ArrayList<>(participants.values());
            closing.addAll(resyncing.values());
            participants.clear();
            resyncing.clear();
            references.clear();
            for (ModelParticipant p : closing) {
                p.forceClosed(ForceCloseReason.DELETED, "the model was deleted");
            }
            unload();
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private void unloadIfIdle() {
        unloadIfIdle(policies.idleUnload().isZero());
    }

    /** With {@code now} false, an idle model starts its idle period instead: a timer checks again later. */
    private void unloadIfIdle(boolean now) {
        if (!participants.isEmpty() || !resyncing.isEmpty() || unloaded) {
            return;
        }
        if (!now) {
            long generation = ++idleGeneration;
            policies.timer().schedule(() -> enqueue(new IdleCheck(generation)), policies.idleUnload().toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        Instant at = Instant.now();
        if (policies.snapshots().allowed(snapshotVersion, snapshotAt, processor.version(), at)) {
            takeSnapshot(at); // the next load starts here instead of replaying the log
        }
        unload();
    }

    private void unload() {
        unloaded = true;
        onUnload.accept(this);
    }

    /** The in-memory state may be ahead of the database: drop it and let every session reopen from storage. */
    private void fail() {
        List<ModelParticipant> closing = new ArrayList<>(participants.values());
        closing.addAll(resyncing.values());
        participants.clear();
        resyncing.clear();
        references.clear();
        batch.clear(); // never committed, never acknowledged: those clients are closed below
        snapshotDue = false;
        if (!unloaded) {
            unload();
        }
        for (ModelParticipant p : closing) {
            try {
                p.forceClosed(ForceCloseReason.UNKNOWN, "the server could not save the model; open it again");
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "force close failed", e);
            }
        }
        Task task;
        while ((task = queue.poll()) != null) {
            if (task instanceof Open open) {
                reopen.accept(open.participant());
            } else if (task instanceof Resync resync) {
                reresync.accept(resync.participant(), resync.contextVersion());
            } else if (task instanceof ResyncComplete complete && !complete.open()) {
                complete.participant().resyncCompleted(ResyncedModel.CLOSED);
            } else if (task instanceof Read read) {
                read.done().complete(null);
            } else if (task instanceof Replace replace) {
                replace.done().complete(null);
            } else if (task instanceof Close close && close.reply()) {
                close.participant().closed();
            } else if (task instanceof Delete delete) {
                delete.done().completeExceptionally(new ModelStoreException("model failed", null));
            } else if (task instanceof ForceClose force) {
                force.participant().forceClosed(force.reason(), force.message());
            }
        }
    }

    private void forOthers(String sessionId, Consumer<ModelParticipant> action) {
        for (Map.Entry<String, ModelParticipant> open : participants.entrySet()) {
            if (!open.getKey().equals(sessionId)) {
                action.accept(open.getValue());
            }
        }
    }
}
