package dev.tandem.model;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads the live models of a node run on: the writers' pool, on which each model's {@link ModelWriter} runs its
 * tasks one at a time (and which the operation log's commits and the relay borrow), and one timer thread for idle
 * unloads. Made from the container's managed thread factory, so that every thread carries the application's context
 * (JNDI, transactions) from its creation: no per-task capture.
 */
final class ModelThreads {

    private static final Logger LOG = Logger.getLogger(ModelThreads.class.getName());

    /** What {@link #checkTransactionsEnlistConnections} logs when the check fails. */
    static final String NOT_ENLISTED = "connections not enlisted in JTA transactions";

    private final ThreadPoolExecutor writers;
    private final ScheduledThreadPoolExecutor timers;

    /**
     * @param factory the container's managed thread factory
     * @param writerThreads how many threads the writers' pool has ({@code tandem.model.writer-threads})
     * @param store checked, on each new writer thread, to enlist its connections in the thread's transactions
     */
    ModelThreads(ThreadFactory factory, int writerThreads, ModelStore store) {
        writers = new ThreadPoolExecutor(
                writerThreads,
                writerThreads,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                worker -> factory.newThread(() -> {
                    try {
                        checkTransactionsEnlistConnections(store);
                    } finally {
                        worker.run(); // the pool's worker loop, with the task that made the pool start this thread
                    }
                }));
        // Idle timers only enqueue a task on their model; cancelled ones are not kept.
        timers = new ScheduledThreadPoolExecutor(1, factory);
        timers.setRemoveOnCancelPolicy(true);
    }

    /**
     * Logs {@value #NOT_ENLISTED} (SEVERE) if a JTA transaction on this thread gets a connection the container has not
     * enlisted in it. That happened to a writer created, through the filing timer's thread, in the start-up context:
     * every {@code @Transactional} method it ran committed statement by statement, silently. The compatibility suite
     * fails on this line.
     */
    private static void checkTransactionsEnlistConnections(ModelStore store) {
        try {
            if (!store.transactionsEnlistConnections()) {
                LOG.severe(() -> NOT_ENLISTED + " on model writer thread "
                        + Thread.currentThread().getName()
                        + ": its transactions run in auto-commit mode, so what they write is not atomic");
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "could not check the transactions of model writer thread "
                            + Thread.currentThread().getName(),
                    e);
        }
    }

    /** The writers' pool. */
    Executor writers() {
        return writers;
    }

    /** The timer thread of idle unloads. */
    ScheduledExecutorService timers() {
        return timers;
    }

    /** True until {@link #stop}. */
    boolean running() {
        return !writers.isShutdown();
    }

    /** Stops the timers at once, and the writers after at most ten seconds for the tasks they run. */
    void stop() {
        timers.shutdownNow();
        writers.shutdown();
        try {
            if (!writers.awaitTermination(10, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
