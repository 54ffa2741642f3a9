package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.persistence.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Group commit across models: who commits, what goes together, and what one model's failure does to the others. */
class OperationLogTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * * Records each transaction as the list of model refs it wrote (and nothing in memory); a ref in {@code gone} fails it, as a deleted model.
     * Committed rounds wait to be filed (their operation counts, oldest first), as in model_log.
     */
    static class RecordingStore extends MemoryModelStore {
        final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
        final Set<String> gone = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile CountDownLatch holding = new CountDownLatch(1);
        final java.util.Deque<Integer> unfiledRounds = new java.util.ArrayDeque<>();
        final AtomicInteger filings = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public synchronized Filed fileLog(int maxOperations) {
            filings.incrementAndGet();
            int rounds = 0;
            long operations = 0;
            while (operations < maxOperations && !unfiledRounds.isEmpty()) {
                operations += unfiledRounds.poll();
                rounds++;
            }
            return new Filed(rounds, operations, unfiledRounds.isEmpty());
        }

        synchronized void leftByAnEarlierRun(int operations) {
            unfiledRounds.add(operations);
        }

        synchronized long unfiled() {
            return unfiledRounds.stream().mapToLong(Integer::longValue).sum();
        }

        @Override
        public void appendGroup(String writerId, List<OperationLog.Append> batches) {
            await();
            attempts.incrementAndGet();
            synchronized (this) {
                if (fenced.contains(writerId)) {
                    throw new WriterFencedException(writerId);
                }
            }
            List<String> refs =
                    batches.stream().map(OperationLog.Append::modelRef).toList();
            if (refs.stream().anyMatch(gone::contains)) {
                throw new StoreException("a model is gone", null); // the whole transaction rolls back
            }
            transactions.add(refs);
            synchronized (this) {
                unfiledRounds.add(
                        batches.stream().mapToInt(b -> b.operations().size()).sum());
            }
        }

        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostInside = new AtomicInteger();

        private void await() {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            holding.countDown();
            try {
                assertTrue(hold.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aLoneAppendCommitsInTheCallersThreadBeforeReturning() {
        RecordingStore store = new RecordingStore();
        OperationLog log = new OperationLog(store, pool);
        List<Optional<RuntimeException>> outcome = new ArrayList<>();
        Thread caller = Thread.currentThread();
        List<Thread> ranIn = new ArrayList<>();

        log.append(
                append("m1", 2, e -> {
                    outcome.add(Optional.ofNullable(e));
                    ranIn.add(Thread.currentThread());
                }),
                true);

        assertEquals(List.of(Optional.empty()), outcome);
        assertEquals(List.of(caller), ranIn);
        assertEquals(List.of(List.of("m1")), store.transactions);
    }

    @Test
    void aFencedWriterFailsEveryBatchAtOnceAndRetriesNone() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold = new CountDownLatch(1);
        OperationLog log = new OperationLog(store, pool);
        log.start("test", true);
        Outcomes outcomes = new Outcomes(3);

        // A round in progress when another node fences this one, and two batches waiting behind it.
        log.append(append("m1", 2, outcomes.of("m1")), false);
        assertTrue(store.holding.await(10, TimeUnit.SECONDS));
        assertTrue(store.fenceWriter(log.writerId()));
        log.append(append("m2", 2, outcomes.of("m2")), false);
        log.append(append("m3", 2, outcomes.of("m3")), false);
        store.hold.countDown();
        outcomes.await();

        for (String model : List.of("m1", "m2", "m3")) {
            assertTrue(outcomes.byModel.get(model).orElseThrow() instanceof WriterFencedException, model);
        }
        assertTrue(log.fenced());
        assertEquals(List.of(), store.transactions);
        // Two rounds (the one in progress, then the two waiting together), no batch tried alone afterwards.
        assertEquals(2, store.attempts.get());
    }

    @Test
    void appendsArrivingDuringACommitShareTheNextOne() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold = new CountDownLatch(1);
        OperationLog log = new OperationLog(store, pool);
        Outcomes outcomes = new Outcomes(6);

        // The first append commits in its own thread and is held inside the transaction.
        Thread first = new Thread(() -> log.append(append("m0", 1, outcomes.of("m0")), true));
        first.start();
        assertTrue(store.holding.await(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 5; i++) {
            log.append(append("m" + i, 3, outcomes.of("m" + i)), true); // returns at once: a round is running
        }
        assertTrue(outcomes.byModel.isEmpty(), "nothing is durable before its transaction ends");

        store.hold.countDown();
        first.join(10_000);
        outcomes.await();

        assertEquals(List.of(List.of("m0"), List.of("m1", "m2", "m3", "m4", "m5")), store.transactions);
        assertEquals(1, store.mostInside.get(), "one round at a time");
        outcomes.byModel.values().forEach(e -> assertTrue(e.isEmpty()));
    }

    @Test
    void aPipelinedModelsAppendsQueuedTogetherAreWrittenOnceAsTheLatestAndAllComplete() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold = new CountDownLatch(1);
        OperationLog log = new OperationLog(store, pool, 2, true);
        assertTrue(log.pipelines());
        List<String> done = Collections.synchronizedList(new ArrayList<>());

        // Two models' rounds take both places, so what comes next queues. The second starts once the first is held,
        // so that the first round cannot take both.
        Thread first = new Thread(() -> log.append(append("m0", 1, e -> done.add("m0")), true));
        Thread second = new Thread(() -> log.append(append("mx", 1, e -> done.add("mx")), true));
        first.start();
        assertTrue(store.holding.await(10, TimeUnit.SECONDS));
        store.holding = new CountDownLatch(1);
        second.start();
        assertTrue(store.holding.await(10, TimeUnit.SECONDS));
        // Each of m1's appends holds every operation of m1 not yet acknowledged: 1, then 2, then 3 rows.
        for (int rows = 1; rows <= 3; rows++) {
            int r = rows;
            log.append(append("m1", rows, e -> done.add("m1 " + r + (e == null ? "" : " failed"))), false);
        }
        log.append(append("m2", 1, e -> done.add("m2")), false);

        store.hold.countDown();
        first.join(10_000);
        second.join(10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (done.size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        // The held rounds and the queued one end in any order.
        assertEquals(3, store.transactions.size(), "m1 written once: " + store.transactions);
        assertEquals(
                Set.of(List.of("m0"), List.of("mx"), List.of("m1", "m2")),
                Set.copyOf(store.transactions),
                "the held rounds, then m1's latest append with m2's");
        assertEquals(
                List.of(1, 1, 4),
                store.unfiledRounds.stream().sorted().toList(),
                "m1's latest append (3 rows) and m2's");
        assertEquals(Set.of("m0", "mx", "m1 1", "m1 2", "m1 3", "m2"), Set.copyOf(done));
        assertEquals(6, done.size(), "each append completed once");
    }

    @Test
    void withoutPipeliningEachAppendIsWrittenAsItCame() throws Exception {
        // Without pipelining a model never queues a second append before its first is written, so the log keeps no
        // index of a round's models: two appends of one ref (which cannot happen) would both be written.
        RecordingStore store = new RecordingStore();
        store.hold = new CountDownLatch(1);
        OperationLog log = new OperationLog(store, pool);
        assertFalse(log.pipelines());
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        Thread first = new Thread(() -> log.append(append("m0", 1, e -> done.add("m0")), true));
        first.start();
        assertTrue(store.holding.await(10, TimeUnit.SECONDS));
        log.append(append("m1", 1, e -> done.add("m1 a")), false);
        log.append(append("m1", 2, e -> done.add("m1 b")), false);
        store.hold.countDown();
        first.join(10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (done.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of(List.of("m0"), List.of("m1", "m1")), store.transactions);
        assertEquals(List.of(1, 3), List.copyOf(store.unfiledRounds));
    }

    @Test
    void oneModelsFailureDoesNotFailTheOthersInItsRound() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold = new CountDownLatch(1);
        store.gone.add("m2");
        OperationLog log = new OperationLog(store, pool);
        Outcomes outcomes = new Outcomes(4);

        new Thread(() -> log.append(append("m0", 1, outcomes.of("m0")), true)).start();
        assertTrue(store.holding.await(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 3; i++) {
            log.append(append("m" + i, 1, outcomes.of("m" + i)), true);
        }
        store.hold.countDown();
        outcomes.await();

        assertTrue(outcomes.byModel.get("m1").isEmpty());
        assertInstanceOf(StoreException.class, outcomes.byModel.get("m2").orElseThrow());
        assertTrue(outcomes.byModel.get("m3").isEmpty());
        // The failed round wrote nothing; m1 and m3 were then committed alone.
        assertEquals(List.of(List.of("m0"), List.of("m1"), List.of("m3")), store.transactions);
    }

    @Test
    void withTwoRoundsAllowedTwoCommitAtOnceAndAThirdWaits() throws Exception {
        RecordingStore store = new RecordingStore();
        store.hold = new CountDownLatch(1);
        OperationLog log = new OperationLog(store, pool, 2, true);
        Outcomes outcomes = new Outcomes(3);

        log.append(append("m0", 1, outcomes.of("m0")), false); // on the pool, held
        awaitInside(store, 1);
        log.append(append("m1", 1, outcomes.of("m1")), false); // a second round, held as well
        awaitInside(store, 2);
        log.append(append("m2", 1, outcomes.of("m2")), false); // both rounds busy: queued
        Thread.sleep(100);
        assertEquals(2, store.inside.get(), "no third transaction");
        assertTrue(outcomes.byModel.isEmpty());

        store.hold.countDown();
        outcomes.await();
        assertEquals(2, store.mostInside.get(), "never a third");
        assertEquals(3, store.transactions.size());
        assertTrue(
                store.transactions.containsAll(List.of(List.of("m0"), List.of("m1"), List.of("m2"))),
                store.transactions.toString());
    }

    @Test
    @Timeout(10)
    void aWaitingWriterCommitsItselfWhenNoPoolThreadIsFree() throws Exception {
        RecordingStore store = new RecordingStore();
        ExecutorService busy = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        try {
            busy.execute(() -> {
                try {
                    release.await(); // the pool's only thread is taken (say, by another waiting writer)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            OperationLog log = new OperationLog(store, busy, 1, true);
            CompletableFuture<Void> committed = new CompletableFuture<>();
            log.append(append("m0", 1, e -> committed.complete(null)), false); // its round waits for the pool

            log.awaitCommitted(committed);

            assertTrue(committed.isDone());
            assertEquals(List.of(List.of("m0")), store.transactions);
        } finally {
            release.countDown();
            busy.shutdownNow();
        }
    }

    @Test
    void everyAppendFromManyThreadsIsCompletedExactlyOnceAndRoundsStayBounded() throws Exception {
        RecordingStore store = new RecordingStore();
        OperationLog log = new OperationLog(store, pool);
        int models = 200;
        int batchesEach = 20;
        AtomicInteger completions = new AtomicInteger();
        Map<String, AtomicInteger> perModel = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(models * batchesEach);
        ExecutorService appenders = Executors.newFixedThreadPool(8);
        try {
            for (int m = 0; m < models; m++) {
                String ref = "m" + m;
                appenders.execute(() -> {
                    for (int b = 0; b < batchesEach; b++) {
                        // Forty rows each, each batch after the last, as a model's writer appends them: a round of
                        // every model at once would be 8,000 rows.
                        log.append(
                                append(ref, 2 + 40 * b, 40, e -> {
                                    assertNull(e);
                                    completions.incrementAndGet();
                                    perModel.computeIfAbsent(ref, k -> new AtomicInteger())
                                            .incrementAndGet();
                                    all.countDown();
                                }),
                                true);
                    }
                });
            }
            assertTrue(all.await(30, TimeUnit.SECONDS));
        } finally {
            appenders.shutdownNow();
        }
        Thread.sleep(50); // a duplicate completion would show up here
        assertEquals(models * batchesEach, completions.get());
        perModel.values().forEach(count -> assertEquals(batchesEach, count.get()));
        int written = store.transactions.stream().mapToInt(List::size).sum();
        assertEquals(models * batchesEach, written);
        for (List<String> round : store.transactions) {
            assertTrue(round.size() * 40 <= OperationLog.MAX_ROWS_PER_ROUND + 40, "round of " + round.size());
        }
    }

    @Test
    void aFlushFilesEverythingCommittedBeforeItAndCostsNothingWhenNothingWaits() {
        RecordingStore store = new RecordingStore();
        OperationLog log = new OperationLog(store, pool);
        log.flush();
        assertEquals(0, store.filings.get(), "nothing committed, nothing to file");

        for (int i = 0; i < 5; i++) {
            log.append(append("m" + i, 3, e -> {}), true);
        }
        assertEquals(new LogCounts(5, 5, 15, 0, 15), log.counts());
        log.flush();
        assertEquals(0, store.unfiled());
        assertEquals(new LogCounts(5, 5, 15, 15, 0), log.counts());
        int filings = store.filings.get();
        log.flush();
        assertEquals(filings, store.filings.get(), "filed already");
    }

    @Test
    void aFlushTakesAsManyFilingsAsTheBacklogNeeds() {
        RecordingStore store = new RecordingStore();
        OperationLog log = new OperationLog(store, pool);
        // Rounds of 4,000 rows until just below the mark at which filing starts by itself.
        int rounds = (OperationLog.FILE_AT_OPERATIONS - 1) / 4000;
        for (int i = 0; i < rounds; i++) {
            log.append(append("m" + i, 4000, e -> {}), true);
        }
        log.flush();
        assertEquals(0, store.unfiled());
        assertEquals(rounds * 4000L, log.counts().filed());
    }

    @Test
    void filingStartsByItselfOnThePoolOnceEnoughWaits() throws Exception {
        RecordingStore store = new RecordingStore();
        OperationLog log = new OperationLog(store, pool);
        int rounds = OperationLog.FILE_AT_OPERATIONS / 4000 + 1;
        for (int i = 0; i < rounds; i++) {
            log.append(append("m" + i, 4000, e -> {}), true);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.unfiled() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, store.unfiled(), "filed without a reader asking");
        assertEquals(rounds * 4000L, log.counts().filed());

        // Below the mark, the node's timer files the rest.
        log.append(append("late", 3, e -> {}), true);
        Thread.sleep(50);
        assertEquals(3, store.unfiled(), "a few operations wait for the timer");
        log.fileSoon();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.unfiled() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, store.unfiled());
    }

    @Test
    void recoveryFilesWhatAnEarlierRunLeftAndStartsCountingFromThere() {
        RecordingStore store = new RecordingStore();
        for (int i = 0; i < 3; i++) {
            store.leftByAnEarlierRun(OperationLog.FILE_MAX_OPERATIONS); // more than one filing's worth
        }
        OperationLog log = new OperationLog(store, pool);
        log.start("test", true);
        assertEquals(0, store.unfiled());
        assertEquals(new LogCounts(0, 0, 0, 3L * OperationLog.FILE_MAX_OPERATIONS, 0), log.counts());
        int filings = store.filings.get();
        log.flush();
        assertEquals(filings, store.filings.get(), "nothing of this run waits");
    }

    @Test
    void roundsFiledInPartAreFiledAgainWholeRatherThanRefusedForever() {
        List<Boolean> calls = new ArrayList<>();
        RecordingStore store = new RecordingStore() {
            @Override
            public synchronized Filed fileLog(int maxOperations) {
                calls.add(false);
                throw new StoreException(
                        "filing the operation log", new java.sql.SQLException("duplicate key", "23505"));
            }

            @Override
            public synchronized Filed fileLog(int maxOperations, boolean replace) {
                calls.add(replace);
                return super.fileLog(maxOperations);
            }
        };
        OperationLog log = new OperationLog(store, pool);
        log.append(append("m1", 3, e -> {}), true);

        log.flush();

        assertEquals(List.of(false, true), calls);
        assertEquals(0, store.unfiled());
        assertEquals(3, log.counts().filed());
    }

    private static void awaitInside(RecordingStore store, int transactions) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.inside.get() < transactions && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(transactions, store.inside.get(), "transactions open at once");
    }

    private static OperationLog.Append append(
            String ref, int rows, java.util.function.Consumer<RuntimeException> done) {
        return append(ref, 2, rows, done);
    }

    private static OperationLog.Append append(
            String ref, long firstVersion, int rows, java.util.function.Consumer<RuntimeException> done) {
        List<NewOperation> ops = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ops.add(new NewOperation(firstVersion + i, "s", AT, "{}", "{}"));
        }
        return new OperationLog.Append(ref, "d", ops, done);
    }

    /** The outcome each model got, once all expected ones are in. */
    private static final class Outcomes {
        final Map<String, Optional<RuntimeException>> byModel = new ConcurrentHashMap<>();
        final CountDownLatch done;

        Outcomes(int expected) {
            done = new CountDownLatch(expected);
        }

        java.util.function.Consumer<RuntimeException> of(String ref) {
            return e -> {
                if (byModel.putIfAbsent(ref, Optional.ofNullable(e)) != null) {
                    throw new AssertionError(ref + " completed twice");
                }
                done.countDown();
            };
        }

        void await() throws InterruptedException {
            assertTrue(done.await(10, TimeUnit.SECONDS));
        }
    }
}
