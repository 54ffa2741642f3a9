package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A fence recovery whose models cannot all close while it keeps loads waiting: it lets go and tries again, rather
 * than leaving the node fenced until a restart.
 */
class FenceRecoveryTest {

    @Test
    void aModelWhoseWriterWaitsForALoadClosesAtTheNextTry() {
        MemoryModelStore store = new MemoryModelStore();
        OperationLog log = new OperationLog(store, Runnable::run);
        String fencedWriter = log.writerId();
        Placement placement = new Placement();
        // The model's writer runs each turn on a thread of its own that first waits for a load (as a writer does whose
        // task opens a model through the placement): while the recovery keeps loads waiting, the turn cannot start.
        Executor waitsForALoad = turn -> new Thread(() -> {
                    placement.loading.readLock().lock();
                    placement.loading.readLock().unlock();
                    turn.run();
                })
                .start();
        AtomicBoolean unloaded = new AtomicBoolean();
        LiveModel model = LiveModelFixtures.newModel(
                store, unloaded, new ObjectValue("0:0", Map.of("n", new NumberValue("0:1", 0))), waitsForALoad);
        placement.loaded = () -> unloaded.get() ? List.of() : List.of(model);

        FenceRecovery recovery =
                new FenceRecovery(placement, log, "node-a", Duration.ofMillis(300), Duration.ofMillis(100));
        assertTimeoutPreemptively(Duration.ofSeconds(10), recovery::run);

        assertTrue(unloaded.get(), "the stale model was dropped");
        assertEquals(2, placement.tries.get(), "it let the load go and tried again");
        assertEquals(1, placement.renewed.get(), "claims are renewed once, by the try that succeeded");
        assertNotEquals(fencedWriter, log.writerId(), "the log writes again as a new writer");
    }

    /** The models of one node, with the lock loads take. */
    private static final class Placement implements FenceRecovery.Models {
        final ReentrantReadWriteLock loading = new ReentrantReadWriteLock();
        final AtomicInteger tries = new AtomicInteger();
        final AtomicInteger renewed = new AtomicInteger();
        volatile Supplier<List<LiveModel>> loaded = List::of;

        @Override
        public List<LiveModel> loaded() {
            return loaded.get();
        }

        @Override
        public void whileNothingLoads(Runnable work) {
            tries.incrementAndGet();
            loading.writeLock().lock();
            try {
                work.run();
            } finally {
                loading.writeLock().unlock();
            }
        }

        @Override
        public void renewClaims() {
            renewed.incrementAndGet();
        }
    }
}
