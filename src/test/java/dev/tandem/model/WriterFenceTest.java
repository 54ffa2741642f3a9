package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fence between a stale writer and the node that takes its models over, on PostgreSQL (where nodes share a
 * database; H2 is embedded, one node only): a takeover waits for the rounds the fenced writer has in progress, so
 * each of them either commits before the takeover or not at all, and the taker reads them.
 */
class WriterFenceTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @TestFactory
    Stream<DynamicTest> takeoverWaitsForRoundsInProgress() {
        return TestDatabases.migrated("writer-fence").stream()
                .filter(db -> db.name().equals("PostgreSQL"))
                .map(db -> DynamicTest.dynamicTest(db.name(), () -> {
                    try (db) {
                        run(db.dataSource());
                    }
                }));
    }

    private void run(DataSource dataSource) throws Exception {
        ModelStore store = new JdbcModelStore(dataSource, dataSource);
        store.registerWriter("stale", "node-a", false, AT);
        store.registerWriter("taker", "node-b", false, AT);

        // A round of the stale writer in progress: it has read its fence, as JdbcModelLog does, and not committed.
        try (Connection round = dataSource.getConnection()) {
            round.setAutoCommit(false);
            try (PreparedStatement fence = round.prepareStatement(JdbcModelLog.READ_FENCE_SHARED)) {
                fence.setString(1, "stale");
                try (ResultSet row = fence.executeQuery()) {
                    assertTrue(row.next());
                }
            }
            try (PreparedStatement insert = round.prepareStatement("INSERT INTO model_log (round) VALUES (?)")) {
                insert.setBytes(1, new byte[] {1});
                insert.executeUpdate();
            }

            // The takeover waits for that round; another round of the same writer does not (shared locks).
            CompletableFuture<Boolean> takeover = CompletableFuture.supplyAsync(() -> store.fenceWriter("stale"));
            Thread.sleep(500);
            assertFalse(takeover.isDone(), "the takeover went ahead of a round in progress");
            round.commit();
            assertTrue(takeover.get(10, TimeUnit.SECONDS));
        }
        // The round committed before the takeover is there for the taker; the stale writer's next round fails.
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM model_log");
                ResultSet row = count.executeQuery()) {
            row.next();
            assertEquals(1, row.getLong(1));
        }
        assertThrows(
                WriterFencedException.class,
                () -> store.appendGroup(
                        "stale",
                        List.of(new OperationLog.Append(
                                "m", "d", List.of(new ModelStore.NewOperation(2, "s", AT, "{}", "{}")), e -> {}))));
    }
}
