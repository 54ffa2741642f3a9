package dev.tandem.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.MemoryCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VersionedEntriesTest {

    /** A counter; zero is a tombstone. */
    record Counter(long version, long n) implements VersionedEntries.Versioned<Counter> {
        static final Counter ABSENT = new Counter(0, 0);

        @Override
        public boolean tombstone() {
            return n == 0;
        }

        @Override
        public Counter at(long version, long now) {
            return new Counter(version, n);
        }

        @Override
        public String toJson() {
            return version + " " + n;
        }

        static Counter parse(String text) {
            String[] parts = text.split(" ");
            return new Counter(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }
    }

    private final MemoryCluster cluster = new MemoryCluster();
    private final List<String> heardByB = new ArrayList<>();
    private final VersionedEntries<Counter> a = entries("a", new ArrayList<>());
    private final VersionedEntries<Counter> b = entries("b", heardByB);

    private VersionedEntries<Counter> entries(String member, List<String> heard) {
        return new VersionedEntries<>(
                cluster.join(member),
                "counters",
                Counter::parse,
                Counter.ABSENT,
                Runnable::run,
                (key, value, note) -> heard.add(key + "=" + value.n() + "@" + value.version() + " " + note));
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aNewEntryStartsFromTheClockAndEachChangeAdvancesItByOne() {
        long before = System.currentTimeMillis() * 1000;
        Counter first = a.update("k", c -> new Counter(c.version(), c.n() + 1)).after();
        assertTrue(first.version() >= before, "from the clock, in microseconds");
        Counter second = b.update("k", c -> new Counter(c.version(), c.n() + 1)).after();
        assertEquals(first.version() + 1, second.version());
        assertEquals(2, a.read("k").n(), "both members change one entry");
        assertNull(a.update("k", c -> null), "nothing to change");
        assertThrows(
                IllegalStateException.class,
                () -> a.update("k", c -> {
                    throw new IllegalStateException("refused");
                }));
        assertEquals(2, b.read("k").n(), "a refused change leaves the entry as it was");
    }

    @Test
    void concurrentChangesFromTwoMembersAllCount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                VersionedEntries<Counter> member = t % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        member.update("k", c -> new Counter(c.version(), c.n() + 1));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1000, a.read("k").n());
    }

    @Test
    void anAnnouncementReachesTheOtherMembersWithItsNote() throws Exception {
        Counter value = a.update("k", c -> new Counter(c.version(), 5)).after();
        a.announce("k", value, "from a");
        cluster.settle();
        assertEquals(List.of("k=5@" + value.version() + " from a"), heardByB);
    }
}
