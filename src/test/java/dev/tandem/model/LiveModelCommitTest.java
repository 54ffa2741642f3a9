package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.persistence.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer while a batch commits: it goes on applying operations into the next batch, acknowledges nothing before
 * its commit, answers other requests only after the acknowledgements before them, and snapshots only committed state.
 */
@Timeout(120) // a writer that misses a wake-up hangs its test: fail it instead
class LiveModelCommitTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    /** A log whose commits can be held open, recording each commit's versions and each snapshot's version. */
    static final class HeldStore extends MemoryModelStore {
        final List<List<Long>> commits = Collections.synchronizedList(new ArrayList<>());
        final List<String> snapshots = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch hold = new CountDownLatch(0);
        final CountDownLatch committing = new CountDownLatch(1);
        final AtomicInteger entered = new AtomicInteger();
        volatile boolean fail;
        /** Fails a round whose (one model's) versions are these, after the hold. */
        volatile List<Long> failRound = List.of();

        @Override
        public void appendGroup(String writerId, List<OperationLog.Append> batches) {
            committing.countDown();
            entered.incrementAndGet();
            try {
                assertTrue(hold.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            List<Long> versions = batches.get(0).operations().stream()
                    .map(NewOperation::version)
                    .toList();
            if (fail || versions.equals(failRound)) {
                throw new StoreException("the disk is full", null);
            }
            synchronized (this) {
                super.appendGroup(writerId, batches);
                for (OperationLog.Append batch : batches) {
                    commits.add(batch.operations().stream()
                            .map(NewOperation::version)
                            .toList());
                }
            }
        }

        @Override
        public void snapshot(String modelRef, String domainRef, long version, Instant modifiedAt, ObjectValue data) {
            synchronized (this) {
                long logged = log.isEmpty() ? 1 : log.get(log.size() - 1).version();
                snapshots.add(version + (version == logged ? " committed" : " ahead of the log at " + logged) + " n="
                        + ((NumberValue) data.children().get("n")).value());
            }
        }
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final HeldStore store = new HeldStore();
    private final AtomicBoolean unloaded = new AtomicBoolean();
    private OperationLog log;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private LiveModel model(SnapshotPolicy snapshots) {
        return model(snapshots, true);
    }

    private LiveModel model(SnapshotPolicy snapshots, boolean overlap) {
        return model(snapshots, overlap, 1);
    }

    /** {@code rounds} above 1 with overlap: the log pipelines, a model hands over rounds before the last one ends. */
    private LiveModel model(SnapshotPolicy snapshots, boolean overlap, int rounds) {
        ObjectValue root = new ObjectValue("0:0", Map.of("n", new NumberValue("0:1", 0)));
        ModelStore.StoredModel stored = new ModelStore.StoredModel("ref", "domain", "m", "c", 1, CREATED, CREATED);
        log = new OperationLog(store, pool, rounds, overlap);
        return new LiveModel(
                new ModelContext(store, log, pool),
                stored,
                new LiveModel.Loaded(new ModelOperationProcessor(new ModelTree(root), 1), CREATED, 1, CREATED),
                new ModelPolicies(() -> ModelAccess.OPEN, snapshots, Duration.ZERO, null),
                LiveModelFixtures.owner(() -> unloaded.set(true)));
    }

    private static NumberDeltaOperation add() {
        return new NumberDeltaOperation("0:1", false, 1);
    }

    /**
     * Opens them, waits until the opens are done (a read is answered after every task before it) and forgets what
     * they were told so far.
     */
    private static void openAll(LiveModel model, Recorder... recorders) {
        for (Recorder r : recorders) {
            model.open(r);
        }
        model.state().join();
        for (Recorder r : recorders) {
            r.events.clear();
        }
    }

    @Test
    void operationsArrivingDuringACommitGoTogetherInTheNextOneAndAreAcknowledgedInOrder() throws Exception {
        operationsArrivingDuringACommit(true);
    }

    @Test
    void withoutOverlapTheWriterCommitsTheNextBatchItselfAfterTheAcknowledgements() throws Exception {
        operationsArrivingDuringACommit(false);
    }

    private void operationsArrivingDuringACommit(boolean overlap) throws Exception {
        LiveModel model = model(SnapshotPolicy.DISABLED, overlap);
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        openAll(model, a, b);
        store.hold = new CountDownLatch(1);

        model.submit(a, 1, 1, add()); // commits alone, held
        assertTrue(store.committing.await(10, TimeUnit.SECONDS));
        // rc.12 sends its operations at once, each on the version it knew: the first is not acknowledged yet.
        model.submit(a, 2, 1, add());
        model.submit(a, 3, 1, add());
        model.submit(a, 4, 1, add());
        Thread.sleep(100);
        assertEquals(List.of(), a.events, "nothing is acknowledged before its commit");
        assertEquals(List.of(), b.events, "nothing is broadcast before its commit");

        store.hold.countDown();
        ModelState state = model.state().join();

        assertEquals(5, state.version());
        assertEquals(List.of(List.of(2L), List.of(3L, 4L, 5L)), store.commits);
        assertEquals(List.of("ack 1@1", "ack 2@2", "ack 3@3", "ack 4@4"), a.events);
        assertEquals(List.of("op a@1", "op a@2", "op a@3", "op a@4"), b.events);
    }

    @Test
    void aCloseSentDuringACommitIsAnsweredAfterItsAcknowledgement() throws Exception {
        LiveModel model = model(SnapshotPolicy.DISABLED);
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        openAll(model, a, b);
        store.hold = new CountDownLatch(1);

        model.submit(a, 1, 1, add());
        assertTrue(store.committing.await(10, TimeUnit.SECONDS));
        model.close(a, true);
        model.submit(b, 1, 1, add()); // behind the close: waits for it too
        Thread.sleep(100);
        assertEquals(List.of(), a.events);

        store.hold.countDown();
        model.state().join();

        assertEquals(List.of("ack 1@1", "close reply"), a.events);
        assertEquals(List.of("op a@1", "closed a", "ack 1@2"), b.events);
        assertEquals(List.of(List.of(2L), List.of(3L)), store.commits);
    }

    @Test
    void onceTheServerStopsTakingOperationsWhatWasAppliedIsAcknowledgedAndNothingMoreIsApplied() throws Exception {
        LiveModel model = model(SnapshotPolicy.DISABLED);
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        openAll(model, a, b);
        store.hold = new CountDownLatch(1);

        model.submit(a, 1, 1, add()); // applied, and committing (held)
        assertTrue(store.committing.await(10, TimeUnit.SECONDS));
        log.stopTakingOperations(); // what ModelService#drain does first
        model.submit(a, 2, 1, add());
        model.submit(b, 1, 1, add());
        var drained = model.state(); // what ModelService#drain waits for
        Thread.sleep(100);
        assertTrue(!drained.isDone(), "the drain waits for the commit in flight");

        store.hold.countDown();
        assertEquals(2, drained.join().version(), "only the operation applied before the stop");
        assertEquals(List.of("ack 1@1"), a.events);
        assertEquals(List.of("op a@1"), b.events);
        assertEquals(List.of(List.of(2L)), store.commits);
    }

    @Test
    void aLostCommitClosesEverySessionAndAcknowledgesNothing() throws Exception {
        LiveModel model = model(SnapshotPolicy.DISABLED);
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        openAll(model, a, b);
        store.fail = true;

        model.submit(a, 1, 1, add());
        model.submit(a, 2, 1, add());
        model.state().join(); // answered (null) by the failed instance once it has dropped everything

        assertTrue(unloaded.get(), "the instance is dropped: the next open reloads from the log");
        assertEquals(List.of("forceClosed UNKNOWN"), a.events);
        assertEquals(List.of("forceClosed UNKNOWN"), b.events);
        assertEquals(List.of(), store.commits);
    }

    @Test
    void aSnapshotIsTakenOnlyOfCommittedState() throws Exception {
        // A snapshot required after every two versions.
        LiveModel model =
                model(new SnapshotPolicy(true, true, 1, false, 0, false, Duration.ofMinutes(10), false, Duration.ZERO));
        Recorder a = new Recorder("a");
        openAll(model, a);
        for (int i = 1; i <= 40; i++) {
            model.submit(a, i, 1, add()); // all in flight at once, as rc.12 sends them
        }
        model.state().join(); // after every acknowledgement

        assertTrue(store.snapshots.size() >= 1, "snapshots: " + store.snapshots);
        for (String snapshot : store.snapshots) {
            assertTrue(snapshot.contains(" committed "), snapshot);
        }
        assertEquals(41, model.state().join().version());
    }

    /** Opens a and b on a pipelined model and submits three operations of a, each round held until released. */
    private LiveModel threeRoundsInFlight(Recorder a, Recorder b) throws Exception {
        LiveModel model = model(SnapshotPolicy.DISABLED, true, 3);
        openAll(model, a, b);
        store.hold = new CountDownLatch(1);
        for (int i = 1; i <= 3; i++) {
            model.submit(a, i, i, add()); // one at a time: each its own round, handed over while the others commit
            int rounds = i;
            awaitTrue(() -> store.entered.get() == rounds, "round " + rounds + " is handed over");
        }
        Thread.sleep(50);
        assertEquals(List.of(), a.events, "nothing is acknowledged before its commit");
        return model;
    }

    @Test
    void pipelinedEachRoundHoldsEveryOperationNotYetAcknowledgedAndEachIsAcknowledgedOnce() throws Exception {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        LiveModel model = threeRoundsInFlight(a, b);

        store.hold.countDown();
        assertEquals(4, model.state().join().version());
        // The last round's success settles the others: one may still be ending, and nobody waits for it.
        awaitTrue(() -> store.commits.size() == 3, "every round ended");

        assertEquals(
                Set.of(List.of(2L), List.of(2L, 3L), List.of(2L, 3L, 4L)),
                Set.copyOf(store.commits),
                "three rounds side by side, each with every operation not yet acknowledged");
        assertEquals(
                List.of(2L, 3L, 4L), store.log.stream().map(op -> op.version()).toList(), "each kept once");
        assertEquals(List.of("ack 1@1", "ack 2@2", "ack 3@3"), a.events);
        assertEquals(List.of("op a@1", "op a@2", "op a@3"), b.events);
    }

    @Test
    void pipelinedALostRoundWhoseOperationsALaterRoundHoldsLosesNothing() throws Exception {
        store.failRound = List.of(2L, 3L);
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        LiveModel model = threeRoundsInFlight(a, b);

        store.hold.countDown();
        assertEquals(4, model.state().join().version());

        assertFalse(unloaded.get(), "the model goes on");
        assertEquals(List.of("ack 1@1", "ack 2@2", "ack 3@3"), a.events);
        assertEquals(List.of("op a@1", "op a@2", "op a@3"), b.events);
        assertEquals(
                List.of(2L, 3L, 4L), store.log.stream().map(op -> op.version()).toList());
    }

    @Test
    void pipelinedALostNewestRoundFailsTheModelOnlyAfterTheOthersEndedAndAcknowledgesWhatTheyMadeDurable()
            throws Exception {
        store.failRound = List.of(2L, 3L, 4L);
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        threeRoundsInFlight(a, b);

        store.hold.countDown();
        awaitTrue(unloaded::get, "the model is dropped");

        assertEquals(List.of("ack 1@1", "ack 2@2", "forceClosed UNKNOWN"), a.events, "acknowledged: what is durable");
        assertEquals(List.of("op a@1", "op a@2", "forceClosed UNKNOWN"), b.events);
        assertEquals(List.of(2L, 3L), store.log.stream().map(op -> op.version()).toList());
    }

    /**
     * Rounds that take 0-2 ms and, if {@code flaky}, fail one time in twenty; records a round that commits after its
     * model was dropped.
     */
    static final class FlakyStore extends MemoryModelStore {
        final java.util.Random random;
        final AtomicBoolean dropped;
        volatile boolean committedAfterDrop;

        final boolean flaky;

        FlakyStore(long seed, boolean flaky, AtomicBoolean dropped) {
            this.random = new java.util.Random(seed);
            this.flaky = flaky;
            this.dropped = dropped;
        }

        @Override
        public void appendGroup(String writerId, List<OperationLog.Append> batches) {
            int delay;
            boolean fail;
            synchronized (random) {
                delay = random.nextInt(3);
                fail = flaky && random.nextInt(20) == 0;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (fail) {
                throw new StoreException("a flaky disk", null);
            }
            synchronized (this) {
                committedAfterDrop |= dropped.get();
                super.appendGroup(writerId, batches);
            }
        }
    }

    @Test
    void pipelinedUnderRandomDelaysAndLostRoundsEveryAcknowledgedOperationIsLoggedAndTheLogHasNoGap() throws Exception {
        for (long seed = 1; seed <= 30; seed++) {
            AtomicBoolean dropped = new AtomicBoolean();
            FlakyStore flaky = new FlakyStore(seed, seed % 2 == 1, dropped); // odd seeds lose rounds
            ObjectValue root = new ObjectValue("0:0", Map.of("n", new NumberValue("0:1", 0)));
            ModelStore.StoredModel stored = new ModelStore.StoredModel("ref", "domain", "m", "c", 1, CREATED, CREATED);
            LiveModel model = new LiveModel(
                    new ModelContext(flaky, new OperationLog(flaky, pool, 3, true), pool),
                    stored,
                    new LiveModel.Loaded(new ModelOperationProcessor(new ModelTree(root), 1), CREATED, 1, CREATED),
                    new ModelPolicies(() -> ModelAccess.OPEN, SnapshotPolicy.DISABLED, Duration.ZERO, null),
                    LiveModelFixtures.owner(() -> dropped.set(true)));
            List<Recorder> editors = List.of(new Recorder("a"), new Recorder("b"), new Recorder("c"));
            openAll(model, editors.toArray(Recorder[]::new));
            List<Thread> threads = new ArrayList<>();
            for (Recorder editor : editors) {
                Thread thread = new Thread(() -> {
                    for (int i = 1; i <= 100; i++) {
                        model.submit(editor, i, 1, add()); // all at once, each on the version it knew
                        if (i % 10 == 0) {
                            Thread.yield();
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            model.state().join(); // after every operation's outcome, or from the dropped instance

            List<Long> logged = flaky.log.stream().map(op -> op.version()).toList();
            for (int i = 0; i < logged.size(); i++) {
                assertEquals(2L + i, logged.get(i), "seed " + seed + ": the log has no gap: " + logged);
            }
            for (Recorder editor : editors) {
                for (String event : editor.events) {
                    if (event.startsWith("ack ")) {
                        long version = Long.parseLong(event.substring(event.indexOf('@') + 1));
                        assertTrue(
                                version + 1 < 2 + logged.size(),
                                "seed " + seed + ": " + editor.sessionId + "'s " + event + " is logged");
                    }
                }
            }
            assertFalse(flaky.committedAfterDrop, "seed " + seed + ": no round committed after the model was dropped");
            if (!flaky.flaky) {
                assertEquals(300, logged.size(), "seed " + seed + ": every operation logged once");
                for (Recorder editor : editors) {
                    assertEquals(
                            100,
                            editor.events.stream()
                                    .filter(e -> e.startsWith("ack "))
                                    .count(),
                            "seed " + seed + ": every operation acknowledged once");
                }
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }
}
