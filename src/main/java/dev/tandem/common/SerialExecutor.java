package dev.tandem.common;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs its tasks one at a time, in the order they were given, on threads of another executor: a queue that borrows a
 * pool's thread only while it has work, so that many of them can share one pool.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                // the pool shut down: what is queued is never run, as with the pool's own queue
                scheduled.set(false);
                tasks.clear();
            }
        }
    }

    private void drain() {
        try {
            Runnable task;
            // A bounded turn, so that a busy queue does not keep the pool's thread from the others forever.
            for (int i = 0; i < 1024 && (task = tasks.poll()) != null; i++) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a task failed", e);
                }
            }
        } finally {
            scheduled.set(false);
            schedule();
        }
    }
}
