package dev.tandem.model;

import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.server.CommittedOperation;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer of one live model: its queue of {@link ModelTask}s and the state machine of its group commits.
 *
 * <p>Tasks run in order, by at most one thread of a shared pool at a time ({@link #scheduled} admits one turn of
 * {@link #drain()}), so everything the tasks touch is confined to this writer and needs no locks. Operations are
 * applied in memory into a batch ({@link #append}); the batch is handed to the node's {@link OperationLog}, which
 * commits it together with other models' batches (group commit); only after that commit is it acknowledged and
 * broadcast ({@link Tasks#committed}), so nothing a client was told about can be lost. Acknowledgements go out in
 * version order. A task that is not an operation is held until every operation applied before it is committed and
 * acknowledged, so that its reply comes after those acknowledgements and it sees only committed state; so is a due
 * snapshot, and so is an operation while the batch is full.
 *
 * <p>Where the log runs several rounds at once (a database server, whose commits mostly wait for a flush to disk),
 * a busy model does not wait for one round to end before it hands the log the next: up to
 * {@link #MAX_ROUNDS_IN_FLIGHT} of its rounds commit side by side ({@link #pipelined}). Each round holds <em>every</em>
 * operation applied and not yet acknowledged when it is handed over, not only the new ones, so whichever of them
 * commits, what is durable is a prefix of the model's history with no gap: a round's success makes every operation up
 * to its last version durable, whatever happened to the rounds before it. A failed round is lost only if no later
 * round holds its operations; the model then fails, but only once every round it handed over has ended, so that none
 * can commit after a fresh instance of the model has loaded and written other operations under the same versions.
 * The same operation may so be logged twice; filing keeps one ({@link JdbcModelLog}). A round whose operations a later
 * one already made durable is still waited for, like any other, before a held task runs.
 */
final class ModelWriter {

    private static final Logger LOG = Logger.getLogger(ModelWriter.class.getName());
    private static final int MAX_BATCH = 512;
    /** A model's rounds that may commit at once where the log pipelines ({@link OperationLog#pipelines()}). */
    static final int MAX_ROUNDS_IN_FLIGHT = 4;
    /** Operations handed to the log and not yet acknowledged, above which no further round starts. */
    private static final int MAX_UNACKNOWLEDGED = 2 * MAX_BATCH;
    /**
     * The fewest operations the processor may keep in memory: at most one batch is applied but not yet handed to the
     * log and {@link #MAX_UNACKNOWLEDGED} are committing, so anything older is durable and can be read back from the
     * database.
     */
    static final int MIN_KEPT_HISTORY = 4 * MAX_BATCH;

    /** What the writer runs: the model's behaviour, called only from the writer's turn. */
    interface Tasks {

        /** Applies an operation in memory, {@link #append appending} it to the batch unless it is refused. */
        void apply(ModelTask.Submit submit);

        /** Runs any other task; every operation applied before it is committed and acknowledged. */
        void run(ModelTask task);

        /**
         * A batch is durable: acknowledge and broadcast it.
         *
         * @return true if the model should take a snapshot as soon as memory holds only committed operations
         */
        boolean committed(List<Pending> batch);

        /** Takes the snapshot {@link #committed} asked for: memory holds only committed operations. */
        void snapshot();

        /** The writer's turn ends (or has run enough reference tasks): send what was held for it. */
        void flush();

        /** True if so much is held for the end of the turn that it should be sent now. */
        boolean holdsTooMuch();

        /**
         * A task or a commit failed ({@code cause}), so the in-memory state may be ahead of the database: drop it, and
         * settle the tasks still queued ({@link #drainQueue}).
         */
        void failed(RuntimeException cause);
    }

    /** {@code author} is null for a session's operation, else the server's stand-in that made it. */
    record Pending(
            ModelParticipant submitter,
            int sequenceNumber,
            CommittedOperation committed,
            Instant committedAt,
            Collaborator author) {}

    /**
     * A round handed to the log, holding every operation not yet acknowledged up to {@code lastVersion} (the version
     * its last operation made): {@code committed} completes when it is durable, or fails with what lost it.
     */
    private record InFlight(long lastVersion, CompletableFuture<Void> committed) {
        boolean succeeded() {
            return committed.isDone() && !committed.isCompletedExceptionally();
        }

        boolean failed() {
            return committed.isCompletedExceptionally();
        }
    }

    private final StoredModel stored;
    private final OperationLog log;
    private final Executor pool;
    private final Tasks tasks;
    private final Queue<ModelTask> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final boolean pipelined;
    // Set by the log when a round in flight is durable or lost (after its future completes); the writer clears it
    // before it looks at the rounds.
    private final AtomicBoolean commitFinished = new AtomicBoolean();

    // Writer-confined state: touched only by drain().
    // Applied in memory, not yet handed to the log.
    private List<Pending> batch = new ArrayList<>();
    // Handed to the log, not yet acknowledged, in version order.
    private final List<Pending> unacknowledged = new ArrayList<>();
    // Rounds handed to the log and not yet ended, oldest first; at most one unless pipelined.
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    // The round handed to the log last: the only one whose failure loses operations.
    private InFlight newest;
    // The snapshot policy asks for one: taken as soon as memory holds only committed operations.
    private boolean snapshotDue;

    ModelWriter(StoredModel stored, OperationLog log, Executor pool, Tasks tasks) {
        this.stored = stored;
        this.log = log;
        this.pool = pool;
        this.tasks = tasks;
        this.pipelined = log.pipelines();
    }

    /** Queues a task; callable from any thread. */
    void enqueue(ModelTask task) {
        queue.add(task);
        schedule();
    }

    /** Adds an operation applied in memory to the batch; from the writer's turn only. */
    void append(Pending pending) {
        batch.add(pending);
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
            tasks.flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "model " + stored.modelId() + " failed; closing it for all its sessions", e);
            tasks.failed(e);
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
     * Runs tasks until the queue is empty or the next one must wait for the rounds in flight.
     *
     * @return true if a task waits for a commit in flight
     */
    private boolean runTasks() {
        while (true) {
            if (commitFinished.getAndSet(false)) {
                List<Pending> durable = settle();
                if (!batch.isEmpty() && log.overlapsCommits() && mayStartRound()) {
                    // What arrived during that commit commits on another thread while this one sends the acks.
                    startCommit(false);
                }
                acknowledge(durable);
                continue; // without overlap, the next turn commits the rest in this thread
            }
            ModelTask task = queue.peek();
            // Anything but an operation runs on committed state only; so does a due snapshot; a full batch waits.
            boolean held =
                    task != null && (!(task instanceof ModelTask.Submit) || snapshotDue || batch.size() >= MAX_BATCH);
            if (task == null || held) {
                if (!batch.isEmpty() && mayStartRound()) {
                    // In this thread if no round is running and the log does not pipeline: the next turn acknowledges
                    // it. Pipelined, on the pool, so that this writer can hand over the next round meanwhile.
                    startCommit(!pipelined);
                    continue;
                }
                if (!inFlight.isEmpty()) {
                    return task != null;
                }
                if (snapshotDue) {
                    tasks.snapshot();
                }
                snapshotDue = false;
                if (task == null) {
                    return false;
                }
            }
            queue.poll();
            if (task instanceof ModelTask.Submit submit) {
                tasks.apply(submit);
            } else {
                tasks.run(task);
                if (tasks.holdsTooMuch()) {
                    tasks.flush();
                }
            }
        }
    }

    /** Whether the batch may be handed to the log now: no round in flight, or room for another one if pipelined. */
    private boolean mayStartRound() {
        return inFlight.isEmpty()
                || (pipelined
                        && inFlight.size() < MAX_ROUNDS_IN_FLIGHT
                        && unacknowledged.size() + batch.size() <= MAX_UNACKNOWLEDGED);
    }

    /**
     * Hands the log a round of every operation not yet acknowledged, the batch included, to commit in this thread
     * ({@code here}) or on the pool; the writer learns of its outcome through {@link #commitFinished}.
     */
    private void startCommit(boolean here) {
        unacknowledged.addAll(batch);
        batch = new ArrayList<>();
        List<NewOperation> entries = new ArrayList<>(unacknowledged.size());
        for (Pending pending : unacknowledged) {
            CommittedOperation c = pending.committed();
            entries.add(new NewOperation(
                    c.version() + 1,
                    c.sessionId(),
                    pending.committedAt(),
                    ModelJson.write(c.operation()),
                    ModelJson.write(c.applied())));
        }
        CompletableFuture<Void> committed = new CompletableFuture<>();
        newest = new InFlight(entries.get(entries.size() - 1).version(), committed);
        inFlight.addLast(newest);
        log.append(
                new OperationLog.Append(stored.ref(), stored.domainRef(), entries, error -> {
                    // The future first: a writer that sees the flag (and clears it before it looks) finds the round
                    // ended; the other way round, it could consume the flag, find the round still running, and wait
                    // for a wake-up that schedule() cannot give while that same turn still runs.
                    if (error == null) {
                        committed.complete(null);
                    } else {
                        committed.completeExceptionally(error);
                    }
                    commitFinished.set(true);
                    schedule();
                }),
                here);
    }

    /**
     * Settles the rounds that ended: returns the operations now durable, in version order, to acknowledge. If the
     * newest round failed, the operations after the last durable one are lost: waits until every other round in
     * flight has ended (see the class comment), acknowledges what they made durable, and throws what lost the rest,
     * which fails the model.
     */
    private List<Pending> settle() {
        if (newest != null && newest.failed()) {
            for (InFlight round : inFlight) {
                log.awaitCommitted(round.committed());
            }
            commitFinished.set(false); // every round has ended: consumed here
            InFlight lost = newest;
            acknowledge(takeDurable());
            try {
                lost.committed().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return takeDurable();
    }

    /**
     * The operations that the rounds which succeeded made durable, and forgets every round that ended: a failed one
     * that is not the newest lost nothing, since a later round holds its operations. A round that has not ended stays,
     * even once a later one made its operations durable, so that the writer still waits for it before the model is
     * dropped or a held task runs: no round of a model commits after the model is gone.
     */
    private List<Pending> takeDurable() {
        long durableThrough = Long.MIN_VALUE;
        for (InFlight round : inFlight) {
            if (round.succeeded()) {
                durableThrough = Math.max(durableThrough, round.lastVersion());
            }
        }
        inFlight.removeIf(round -> round.committed().isDone());
        int durable = 0;
        while (durable < unacknowledged.size()
                && unacknowledged.get(durable).committed().version() + 1 <= durableThrough) {
            durable++;
        }
        List<Pending> taken = new ArrayList<>(unacknowledged.subList(0, durable));
        unacknowledged.subList(0, durable).clear();
        return taken;
    }

    private void acknowledge(List<Pending> durable) {
        if (!durable.isEmpty() && tasks.committed(durable)) {
            snapshotDue = true;
        }
    }

    /**
     * Waits, blocking this thread, until every operation applied so far is committed and acknowledged: for the rare
     * tasks that must answer right after them (a refused operation, a replacement by the server). From the writer's
     * turn only.
     */
    void commitAndWait() {
        while (!inFlight.isEmpty() || !batch.isEmpty()) {
            if (!batch.isEmpty() && mayStartRound()) {
                startCommit(true);
            }
            // The newest round holds every operation not yet acknowledged, unless the batch waits for room.
            log.awaitCommitted(inFlight.peekLast().committed());
            commitFinished.set(false); // cleared before settle() looks at the rounds
            acknowledge(settle());
        }
    }

    /**
     * Drops the operations never acknowledged (the batch not yet handed to the log, and those whose round was lost)
     * and any due snapshot, for a model that failed. From the writer's turn only.
     */
    void dropBatch() {
        for (InFlight round : inFlight) {
            log.awaitCommitted(round.committed()); // none may commit after the model is gone (class comment)
        }
        commitFinished.set(false);
        batch.clear();
        unacknowledged.clear();
        inFlight.clear();
        newest = null;
        snapshotDue = false;
    }

    /** Takes every task queued so far out of the queue, one at a time, and hands it to {@code settle}. */
    void drainQueue(Consumer<ModelTask> settle) {
        ModelTask task;
        while ((task = queue.poll()) != null) {
            settle.accept(task);
        }
    }
}
