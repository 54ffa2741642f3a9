package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tandem.testing.TestDatabases;
import dev.tandem.testing.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The fence between a stale writer and the node that takes its models over, on PostgreSQL (where nodes share a
 * database; H2 is embedded, one node only): a takeover waits for the rounds the fenced writer has in progress, so
 * each of them either commits before the takeover or not at all, and the taker reads them.
 */
class WriterFenceTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String NEEDS_POSTGRES =
            "needs PostgreSQL (TANDEM_TEST_PG_URL): H2 is embedded, one node only, and has no row locks that wait";

    @Test
    void takeoverWaitsForRoundsInProgress() throws Exception {
        Optional<TestDatabase> postgres = TestDatabases.migratedPostgres("writer-fence");
        assumeTrue(postgres.isPresent(), NEEDS_POSTGRES);
        try (TestDatabase db = postgres.get()) {
            run(db.dataSource());
        }
    }

    private void run(DataSource dataSource) throws Exception {
        ModelStore store = new JdbcModelStore(dataSource, dataSource);
        store.registerWriter("stale", "node-a", false, AT);
        store.registerWriter("taker", "node-b", false, AT);

        // A round of the stale writer in progress: JdbcModelLog's statement has run and its transaction (held open
        // here, where the log commits it at once) has not committed.
        try (Connection round = dataSource.getConnection()) {
            round.setAutoCommit(false);
            try (PreparedStatement insert = round.prepareStatement(JdbcModelLog.APPEND_ROUND_SHARED)) {
                insert.setBytes(1, new byte[] {1});
                insert.setString(2, "stale");
                assertEquals(1, insert.executeUpdate());
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

    @Test
    void roundWaitsForTakeoverInProgress() throws Exception {
        Optional<TestDatabase> postgres = TestDatabases.migratedPostgres("writer-fence-round");
        assumeTrue(postgres.isPresent(), NEEDS_POSTGRES);
        try (TestDatabase db = postgres.get()) {
            roundDuringTakeover(db.dataSource());
        }
    }

    /** A round that starts while a takeover fences its writer waits for it, then commits nothing. */
    private void roundDuringTakeover(DataSource dataSource) throws Exception {
        ModelStore store = new JdbcModelStore(dataSource, dataSource);
        store.registerWriter("stale", "node-a", false, AT);
        try (Connection takeover = dataSource.getConnection()) {
            takeover.setAutoCommit(false);
            try (PreparedStatement fence = takeover.prepareStatement("DELETE FROM log_writers WHERE writer_id = ?")) {
                fence.setString(1, "stale");
                assertEquals(1, fence.executeUpdate());
            }
            CompletableFuture<Void> round = CompletableFuture.runAsync(() -> store.appendGroup(
                    "stale",
                    List.of(new OperationLog.Append(
                            "m", "d", List.of(new ModelStore.NewOperation(2, "s", AT, "{}", "{}")), e -> {}))));
            Thread.sleep(500);
            assertFalse(round.isDone(), "the round went ahead of a takeover in progress");
            takeover.commit();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> round.get(10, TimeUnit.SECONDS));
            assertInstanceOf(WriterFencedException.class, failed.getCause());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM model_log");
                ResultSet row = count.executeQuery()) {
            row.next();
            assertEquals(0, row.getLong(1), "a fenced writer's round committed");
        }
    }
}
