package dev.tandem.model;

import dev.tandem.persistence.StoreException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The filing half of the {@link OperationLog}: moves committed rounds into each model's own log
 * ({@link ModelStore#fileLog}), one filing at a time, when a reader asks ({@link #flush()}), when enough waits or the
 * node's timer asks ({@link #fileSoon()}), and at start for what an earlier run left ({@link #recover()}).
 *
 * <p>It counts what waits: the log tells it about each round before its commit ({@link #committing}) and after
 * ({@link #committed}, {@link #notCommitted}). On an embedded H2 filing is exclusive: a round holds
 * {@link #beforeRound()}..{@link #afterRound()} around its transaction, and a filing waits for the rounds running
 * and keeps new ones waiting (see {@link OperationLog} for why).
 */
final class LogFiling {

    private static final Logger LOG = Logger.getLogger(LogFiling.class.getName());

    private final ModelStore store;
    private final Executor pool;
    private final LongAdder filed = new LongAdder();
    // At least the operations this node committed that are not filed yet: a round is counted before its commit (and
    // uncounted if that fails), so whatever was acknowledged is counted until filing takes it.
    private final AtomicLong unfiled = new AtomicLong();
    private final ReentrantLock filing = new ReentrantLock();
    private final AtomicBoolean filingQueued = new AtomicBoolean();
    // Rounds hold it shared, an exclusive filing alone; null when filing runs alongside the rounds.
    private final ReentrantReadWriteLock exclusion;
    private final Runnable maintenance;
    // In a cluster other nodes commit rounds this node's count does not see: a reader then always files.
    private volatile boolean alone = true;

    /**
     * @param store where the rounds are filed
     * @param pool runs the filings nobody waits for
     * @param exclusive whether rounds wait while a filing transaction runs
     * @param maintenance run after each of the node's periodic filings, alone if filing is exclusive; null for none
     */
    LogFiling(ModelStore store, Executor pool, boolean exclusive, Runnable maintenance) {
        this.store = store;
        this.pool = pool;
        this.exclusion = exclusive ? new ReentrantReadWriteLock() : null;
        this.maintenance = maintenance;
    }

    /** Operations filed since start. */
    long filed() {
        return filed.sum();
    }

    /** Operations committed and not filed yet (at least). */
    long unfiled() {
        return Math.max(0, unfiled.get());
    }

    /** A round of {@code operations} is about to commit: counted from now, so it is counted once acknowledged. */
    void committing(int operations) {
        unfiled.addAndGet(operations);
    }

    /** The round counted by {@link #committing} failed: nothing of it waits. */
    void notCommitted(int operations) {
        unfiled.addAndGet(-operations);
    }

    /** A round committed: filing starts on the pool if enough waits. */
    void committed() {
        if (unfiled.get() >= OperationLog.FILE_AT_OPERATIONS) {
            fileSoon();
        }
    }

    /**
     * A round's transaction starts: shared with other rounds, never with an exclusive filing. Held for the
     * transaction only: the callbacks run after it, and one that reads a model's log (and so files) must not wait
     * for itself.
     */
    void beforeRound() {
        if (exclusion != null) {
            exclusion.readLock().lock();
        }
    }

    /** The round's transaction ended, committed or not. */
    void afterRound() {
        if (exclusion != null) {
            exclusion.readLock().unlock();
        }
    }

    /**
     * Files what an earlier run of the server left (it stopped, or crashed, before filing it). Runs before the log
     * takes its first append.
     */
    void recover() {
        filing.lock();
        try {
            while (!fileOnce().drained()) {
                // more than one filing's worth was left
            }
            unfiled.set(0); // what was left was never counted, and nothing of this run is committed yet
        } finally {
            filing.unlock();
        }
    }

    /**
     * Whether this node is the only writer of the log. When it is not, {@link #flush()} cannot tell from its own count
     * whether anything waits (another node's rounds), so it always runs a filing pass: one short transaction.
     */
    void alone(boolean alone) {
        this.alone = alone;
    }

    /** See {@link OperationLog#flush()}. */
    void flush() {
        if (alone && unfiled.get() <= 0) {
            return;
        }
        filing.lock();
        try {
            while (!fileOnce().drained()) {
                // the pass that drains found everything there was when it looked: that is enough
            }
        } finally {
            filing.unlock();
        }
    }

    /** Starts filing on the pool if anything waits and no filing is queued: one transaction, and more if needed. */
    void fileSoon() {
        if (unfiled.get() <= 0 || !filingQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.execute(() -> {
                filingQueued.set(false);
                ModelStore.Filed last;
                filing.lock();
                try {
                    last = fileOnce(true);
                } catch (RuntimeException e) {
                    // The rounds stay in the log and nothing is lost; the timer or the next reader files them.
                    LOG.log(Level.WARNING, "filing the operation log failed; it will be tried again", e);
                    return;
                } finally {
                    filing.unlock();
                }
                if (!last.drained() && unfiled.get() >= OperationLog.FILE_AT_OPERATIONS) {
                    fileSoon();
                }
            });
        } catch (RejectedExecutionException e) {
            filingQueued.set(false); // shutting down: the next start files what is left
        }
    }

    /**
     * One filing transaction. Should it find operations of its rounds filed already (a filing cut short without its
     * transaction: nothing does that, but a log that refused every filing after it would stop the node's reads),
     * it files those rounds again whole.
     */
    private ModelStore.Filed fileRounds() {
        try {
            return store.fileLog(OperationLog.FILE_MAX_OPERATIONS);
        } catch (StoreException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            LOG.log(Level.WARNING, "filing found operations filed already; filing their rounds again whole", e);
            return store.fileLog(OperationLog.FILE_MAX_OPERATIONS, true);
        }
    }

    private ModelStore.Filed fileOnce() {
        return fileOnce(false);
    }

    /** One filing transaction, alone if filing is exclusive; then the maintenance if {@code maintain}. */
    private ModelStore.Filed fileOnce(boolean maintain) {
        if (exclusion != null) {
            exclusion.writeLock().lock();
        }
        try {
            ModelStore.Filed done = fileRounds();
            unfiled.addAndGet(-done.operations());
            filed.add(done.operations());
            if (maintain && maintenance != null) {
                try {
                    maintenance.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "the operation log's maintenance after filing failed", e);
                }
            }
            return done;
        } finally {
            if (exclusion != null) {
                exclusion.writeLock().unlock();
            }
        }
    }
}
