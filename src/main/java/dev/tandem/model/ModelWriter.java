package dev.tandem.model;

import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.server.CommittedOperation;
import java.time.Instant;
import java.util.ArrayList;
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
 * broadcast ({@link Tasks#committed}), so nothing a client was told about can be lost. At most one batch is in flight,
 * so batches commit in version order; while it commits, the writer goes on applying the operations that arrive into
 * the next batch. A task that is not an operation is held until every operation applied before it is committed and
 * acknowledged, so that its reply comes after those acknowledgements and it sees only committed state; so is a due
 * snapshot, and so is an operation while the batch is full.
 */
final class ModelWriter {

    private static final Logger LOG = Logger.getLogger(ModelWriter.class.getName());
    private static final int MAX_BATCH = 512;
    /**
     * The fewest operations the processor may keep in memory: at most one batch is applied but not yet handed to the
     * log and one is committing, so anything older is durable and can be read back from the database.
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

    /** A batch handed to the log: {@code committed} completes when it is durable, or fails with what lost it. */
    private record InFlight(List<Pending> batch, CompletableFuture<Void> committed) {}

    private final StoredModel stored;
    private final OperationLog log;
    private final Executor pool;
    private final Tasks tasks;
    private final Queue<ModelTask> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    // Set by the log when the batch in flight is durable or lost (before its future completes), read by the writer.
    private final AtomicBoolean commitFinished = new AtomicBoolean();

    // Writer-confined state: touched only by drain().
    // Applied in memory, not yet handed to the log.
    private List<Pending> batch = new ArrayList<>();
    // Handed to the log, not yet acknowledged; at most one.
    private InFlight inFlight;
    // The snapshot policy asks for one: taken as soon as memory holds only committed operations.
    private boolean snapshotDue;

    ModelWriter(StoredModel stored, OperationLog log, Executor pool, Tasks tasks) {
        this.stored = stored;
        this.log = log;
        this.pool = pool;
        this.tasks = tasks;
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
            ModelTask task = queue.peek();
            // Anything but an operation runs on committed state only; so does a due snapshot; a full batch waits.
            boolean held =
                    task != null && (!(task instanceof ModelTask.Submit) || snapshotDue || batch.size() >= MAX_BATCH);
            if (task == null || held) {
                if (inFlight == null && !batch.isEmpty()) {
                    startCommit(true); // in this thread if no round is running: the next turn acknowledges it
                    continue;
                }
                if (inFlight != null) {
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
            entries.add(new NewOperation(
                    c.version() + 1,
                    c.sessionId(),
                    pending.committedAt(),
                    ModelJson.write(c.operation()),
                    ModelJson.write(c.applied())));
        }
        CompletableFuture<Void> committed = new CompletableFuture<>();
        inFlight = new InFlight(handed, committed);
        log.append(
                new OperationLog.Append(stored.ref(), stored.domainRef(), entries, error -> {
                    commitFinished.set(true);
                    if (error == null) {
                        committed.complete(null);
                    } else {
                        committed.completeExceptionally(error);
                    }
                    schedule();
                }),
                here);
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

    private void acknowledge(InFlight done) {
        if (tasks.committed(done.batch())) {
            snapshotDue = true;
        }
    }

    /**
     * Waits, blocking this thread, until every operation applied so far is committed and acknowledged: for the rare
     * tasks that must answer right after them (a refused operation, a replacement by the server). From the writer's
     * turn only.
     */
    void commitAndWait() {
        while (inFlight != null || !batch.isEmpty()) {
            if (inFlight == null) {
                startCommit(true);
            }
            log.awaitCommitted(inFlight.committed());
            commitFinished.set(false); // set before the future completed: consumed here
            acknowledge(takeCommitted());
        }
    }

    /**
     * Drops the batch not yet handed to the log (never committed, never acknowledged) and any due snapshot, for a
     * model that failed. From the writer's turn only.
     */
    void dropBatch() {
        batch.clear();
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
