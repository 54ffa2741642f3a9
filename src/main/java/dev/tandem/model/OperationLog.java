package dev.tandem.model;

import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.persistence.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's writer of the operation log: batches appended by any number of models are committed together, in one
 * transaction per round (group commit across models).
 *
 * <p>A commit costs about the same for one row as for hundreds (a transaction, a connection, a statement), so with
 * many busy models on a node, committing each model's batch alone spends most of the time on that fixed cost. Here
 * whoever appends while no round is running commits a round at once, in its own thread (so a lone model pays no
 * thread hand-off); appends that arrive while a round runs wait in the queue and the next round, run on the pool,
 * takes all of them. More than one round may run at once where the database overlaps commits well (PostgreSQL: each
 * transaction waits for its own flush to disk).
 *
 * <p>If a round fails, each of its batches is committed again alone, so that one model's failure does not fail the
 * others'. Every append's callback runs exactly once, with null once its batch is durable or with the error that lost
 * it.
 *
 * <p>The log is one writer of the database's log ({@link ModelStore#registerWriter}), under an id of its own for this
 * run: a round commits only while that writer is not fenced. Fenced (another node took its models over), every round
 * fails with {@link WriterFencedException} and nothing is retried.
 *
 * <p>A round is written as one row, which is durable but not yet where a model's operations are read from; filing
 * ({@link LogFiling}, {@link ModelStore#fileLog}) moves rounds into the per-model log many at a time, on the pool, once
 * {@link #FILE_AT_OPERATIONS} operations wait or when the node's timer asks ({@link #fileSoon()}). A reader of a
 * model's operations calls {@link #flush()} first, which files everything committed before it.
 *
 * <p>On an embedded H2 filing is <em>exclusive</em>: no round commits while a filing transaction runs, and the
 * node's periodic filing is followed, still alone, by {@code maintenance} (H2's file compaction, see
 * {@code H2FileCompaction}). H2 writes every page changed since its last commit into each commit's chunk, whichever
 * transaction changed it, so each round committed during a filing wrote the filing's half-done pages again (issue 19:
 * the file grew by about 10 KB per operation). Rounds that arrive meanwhile wait and commit together afterwards.
 */
final class OperationLog {

    private static final Logger LOG = Logger.getLogger(OperationLog.class.getName());

    /** Rows per round at most, so that one round's transaction stays small enough to be quick. */
    static final int MAX_ROWS_PER_ROUND = 4096;

    /** Operations waiting to be filed at which filing starts without waiting for the timer. */
    static final int FILE_AT_OPERATIONS = 32_768;

    /** Operations one filing transaction takes at most (whole rounds, so it may be a round more). */
    static final int FILE_MAX_OPERATIONS = 32_768;

    /** One model's batch, in version order, and whom to tell when it is durable (null) or lost (the error). */
    record Append(String modelRef, String domainRef, List<NewOperation> operations, Consumer<RuntimeException> done) {}

    private final ModelStore store;
    private final Executor pool;
    private final Queue<Append> queue = new ConcurrentLinkedQueue<>();
    private final Object taking = new Object();
    private final int maxRounds;
    private final boolean overlap;
    private final AtomicInteger rounds = new AtomicInteger();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LogFiling filing;
    private volatile String writerId = UUID.randomUUID().toString();
    private volatile Runnable whenFenced = () -> {};
    private volatile boolean takingOperations = true;
    private volatile boolean fenced;

    /**
     * @param store where the operations go
     * @param pool runs the rounds that no appender runs itself (the models' writer pool)
     */
    OperationLog(ModelStore store, Executor pool) {
        this(store, pool, 1, true);
    }

    /** A log whose filing runs alongside its rounds and that does no maintenance (PostgreSQL). */
    OperationLog(ModelStore store, Executor pool, int maxRounds, boolean overlap) {
        this(store, pool, maxRounds, overlap, false, null);
    }

    /**
     * @param maxRounds how many rounds may commit at once
     * @param overlap whether a model's next batch should commit on another thread while the model's writer sends the
     *     acknowledgements of the previous one: worth it when a commit mostly waits (a database server flushing to
     *     disk); with an embedded database the commit needs the same CPU the sending does, and the hand-off only adds
     *     latency
     * @param exclusiveFiling whether rounds wait while a filing transaction runs (an embedded H2: see above)
     * @param maintenance run after each of the node's periodic filings, while no round commits (when filing is
     *     exclusive) and before the next filing; null for none. Its failures are logged, never thrown
     */
    OperationLog(
            ModelStore store,
            Executor pool,
            int maxRounds,
            boolean overlap,
            boolean exclusiveFiling,
            Runnable maintenance) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("at least one round must be allowed");
        }
        this.store = store;
        this.pool = pool;
        this.maxRounds = maxRounds;
        this.overlap = overlap;
        this.filing = new LogFiling(store, pool, exclusiveFiling, maintenance);
    }

    boolean overlapsCommits() {
        return overlap;
    }

    /**
     * Whether a model may hand over its next round while its previous one still commits ({@link ModelWriter}): where
     * commits overlap and more than one round may run at once.
     */
    boolean pipelines() {
        return overlap && maxRounds > 1;
    }

    /**
     * Whether models may still apply operations that sessions submit. False once the server stops
     * ({@link #stopTakingOperations()}); batches applied before that still commit here as usual.
     */
    boolean takesOperations() {
        return takingOperations;
    }

    /**
     * The server is stopping: from now on models apply no operation a session submits, so that everything they
     * applied can be committed and acknowledged before the sockets close (see {@link ModelService#drain}).
     */
    void stopTakingOperations() {
        takingOperations = false;
    }

    /**
     * Queues a batch; if a round may start, starts one in the calling thread ({@code here}, so {@code done} has run
     * when this returns) or on the pool (so the caller can go on with other work meanwhile). Otherwise the next round
     * takes it: every round, when it ends, starts another on the pool if batches are waiting.
     */
    void append(Append append, boolean here) {
        queue.add(append);
        if (here) {
            if (claimRound()) {
                commitRound();
            }
        } else if (rounds.get() < maxRounds) {
            startRoundOnPool();
        }
    }

    /**
     * Blocks until {@code committed} completes, committing rounds in this thread whenever one may start. A writer that
     * must wait for its batch therefore never waits for a pool thread, which could all be waiting the same way.
     */
    void awaitCommitted(CompletableFuture<?> committed) {
        while (!committed.isDone()) {
            if (claimRound()) {
                commitRound();
                continue;
            }
            try {
                committed.get(1, TimeUnit.MILLISECONDS); // a round is running; look again when it may have ended
            } catch (TimeoutException e) {
                // still running
            } catch (ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs one round; the caller has claimed it. */
    private void commitRound() {
        try {
            List<Append> round = takeRound();
            if (!round.isEmpty()) {
                commit(round);
            }
        } finally {
            rounds.decrementAndGet();
            // Appends that came in meanwhile found every round running: the next round is for them. It runs on the
            // pool so that this thread gets back to its own model, whose acknowledgements are waiting.
            if (!queue.isEmpty()) {
                startRoundOnPool();
            }
        }
    }

    private boolean claimRound() {
        int running;
        do {
            running = rounds.get();
            if (running >= maxRounds) {
                return false;
            }
        } while (!rounds.compareAndSet(running, running + 1));
        return true;
    }

    /**
     * A pool task that claims a round when it runs, not before: a claim is only ever held by a thread that commits, so
     * a round waiting in the pool's queue never keeps a waiting writer from committing it itself.
     */
    private void startRoundOnPool() {
        try {
            pool.execute(() -> {
                if (claimRound()) {
                    commitRound();
                }
            });
        } catch (RejectedExecutionException e) {
            failAll(new StoreException("the server is shutting down", e)); // their models are dropped too
        }
    }

    /** Whether {@code later}'s operations span every version of {@code earlier}'s (a pipelined model's next round). */
    private static boolean holdsAll(Append later, Append earlier) {
        List<NewOperation> l = later.operations();
        List<NewOperation> e = earlier.operations();
        return l.get(0).version() <= e.get(0).version()
                && l.get(l.size() - 1).version() >= e.get(e.size() - 1).version();
    }

    /** Transactions committed, model batches and operations in them, since start: how well commits are shared. */
    LogCounts counts() {
        return new LogCounts(transactions.sum(), batches.sum(), rows.sum(), filing.filed(), filing.unfiled());
    }

    /**
     * Registers this log as a writer of the database's log, then files what an earlier run left in {@code model_log}
     * (it stopped, or crashed, before filing it). Runs before this log takes its first append.
     *
     * @param node the host, shown to operators
     * @param alone whether this node runs alone (not in a cluster): every other writer is then fenced first, as an
     *     earlier run of this node or a server that should not be writing here
     */
    void start(String node, boolean alone) {
        store.registerWriter(writerId, node, alone, Instant.now());
        filing.alone(alone);
        filing.recover();
    }

    /** Runs {@code action} (on the pool) when this log learns that its writer was fenced, once per fence. */
    void whenFenced(Runnable action) {
        this.whenFenced = action;
    }

    /**
     * Becomes a new writer of the database's log after this one was fenced: rounds commit again. The caller has
     * dropped every model loaded under the old writer first (their in-memory state may be behind what the node that
     * took them over committed since).
     */
    void restart(String node) {
        String fresh = UUID.randomUUID().toString();
        store.registerWriter(fresh, node, false, Instant.now());
        writerId = fresh;
        fenced = false;
    }

    /** This log's id as a writer of the database's log, new at each start of the node and after a fence. */
    String writerId() {
        return writerId;
    }

    /** Whether another writer fenced this one: no round of it commits any more. */
    boolean fenced() {
        return fenced;
    }

    /**
     * Files every round committed before this call (and perhaps later ones), so that a read of the per-model log that
     * follows sees every acknowledged operation. Costs nothing when nothing waits.
     */
    void flush() {
        filing.flush();
    }

    /** Starts filing on the pool if anything waits and no filing is queued: one transaction, and more if needed. */
    void fileSoon() {
        filing.fileSoon();
    }

    /**
     * The next round: the appends waiting, up to {@link #MAX_ROWS_PER_ROUND} rows. A pipelined model may have queued
     * several ({@link ModelWriter}); each holds every operation of that model not yet acknowledged when it was
     * appended, so only its latest is written, and the round's outcome is that of each of them.
     */
    private List<Append> takeRound() {
        // Only a pipelined model queues a second append before its first is taken; without pipelining every append
        // of a round is another model's, and indexing them would be work for nothing on the hottest path.
        if (!pipelines()) {
            return takeRound(null);
        }
        // Rounds that ended together each start the next on the pool. Taking one after the other, the first takes
        // what waits and the second finds the queue empty; polling at once, they would split a model's appends
        // between two rounds and write its rows twice.
        synchronized (taking) {
            return takeRound(new HashMap<>());
        }
    }

    private List<Append> takeRound(Map<String, Integer> index) {
        List<Append> round = new ArrayList<>();
        int rows = 0;
        Append next;
        while (rows < MAX_ROWS_PER_ROUND && (next = queue.poll()) != null) {
            if (index == null) {
                round.add(next);
                rows += next.operations().size();
                continue;
            }
            Integer earlier = index.putIfAbsent(next.modelRef(), round.size());
            if (earlier == null || !holdsAll(next, round.get(earlier))) {
                if (earlier != null) {
                    index.put(next.modelRef(), round.size());
                }
                round.add(next);
                rows += next.operations().size();
            } else {
                Append replaced = round.get(earlier);
                Append latest = next;
                rows += latest.operations().size() - replaced.operations().size();
                round.set(earlier, new Append(latest.modelRef(), latest.domainRef(), latest.operations(), error -> {
                    complete(replaced, error);
                    complete(latest, error);
                }));
            }
        }
        return round;
    }

    private void commit(List<Append> round) {
        int operations = round.stream().mapToInt(a -> a.operations().size()).sum();
        filing.committing(operations);
        try {
            appendGroup(round);
        } catch (WriterFencedException e) {
            filing.notCommitted(operations);
            if (!fenced) {
                fenced = true;
                LOG.log(Level.SEVERE, e.getMessage() + "; this node's models can no longer commit");
                try {
                    pool.execute(whenFenced);
                } catch (RejectedExecutionException stopping) {
                    // the node is stopping: nothing to recover
                }
            }
            for (Append append : round) {
                complete(append, e);
            }
            return;
        } catch (RuntimeException e) {
            filing.notCommitted(operations);
            if (round.size() == 1) {
                complete(round.get(0), e);
                return;
            }
            LOG.log(Level.FINE, "a group commit of " + round.size() + " models failed; committing each alone", e);
            for (Append append : round) {
                commit(List.of(append));
            }
            return;
        }
        transactions.increment();
        batches.add(round.size());
        rows.add(operations);
        for (Append append : round) {
            complete(append, null);
        }
        filing.committed();
    }

    /** The round's transaction, shared with other rounds but never with an exclusive filing ({@link LogFiling}). */
    private void appendGroup(List<Append> round) {
        filing.beforeRound();
        try {
            store.appendGroup(writerId, round);
        } finally {
            filing.afterRound();
        }
    }

    private static void complete(Append append, RuntimeException error) {
        try {
            append.done().accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a model failed to take its commit's outcome", e);
        }
    }

    private void failAll(RuntimeException error) {
        Append next;
        while ((next = queue.poll()) != null) {
            complete(next, error);
        }
    }
}
