package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tandem.persistence.StoreException;
import dev.tandem.testing.TestDatabases;
import dev.tandem.testing.TestDatabases.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A node that stalls in the middle of one of the operation log's transactions on PostgreSQL (SIGSTOP, a long pause)
 * must not hold its row locks until it wakes: the nodes taking its models over file the log, and would wait for them.
 * The database ends the stalled transaction ({@link JdbcModelLog#IDLE_IN_TRANSACTION}), shortened here.
 */
class LogTransactionIdleTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String NEEDS_POSTGRES =
            "needs PostgreSQL (TANDEM_TEST_PG_URL): H2 is embedded and ends no idle transaction";
    private static final Duration IDLE = Duration.ofMillis(500);

    @Test
    void aStalledFilingLetsAnotherFileTheRounds() throws Exception {
        Optional<TestDatabase> postgres = TestDatabases.migratedPostgres("log-idle");
        assumeTrue(postgres.isPresent(), NEEDS_POSTGRES);
        try (TestDatabase db = postgres.get()) {
            run(db.dataSource());
        }
    }

    private void run(DataSource dataSource) throws Exception {
        ModelStore store = new JdbcModelStore(dataSource, dataSource);
        store.registerWriter("w", "node-a", false, AT);
        store.appendGroup(
                "w",
                List.of(new OperationLog.Append(
                        "m", "d", List.of(new ModelStore.NewOperation(2, "s", AT, "{}", "{}")), e -> {})));

        AtomicReference<CompletableFuture<ModelStore.Filed>> other = new AtomicReference<>();
        assertThrows(
                StoreException.class,
                () -> JdbcModelLog.inLogTransaction(dataSource, true, IDLE, "a filing that stalls", c -> {
                    // It holds the round's row, as a filing does, and then goes quiet.
                    try (PreparedStatement lock = c.prepareStatement("SELECT seq FROM model_log FOR UPDATE");
                            ResultSet rows = lock.executeQuery()) {
                        rows.next();
                    }
                    other.set(CompletableFuture.supplyAsync(() -> store.fileLog(100)));
                    try {
                        Thread.sleep(IDLE.multipliedBy(6).toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // While it slept, the other filing went ahead; and its own session is gone when it wakes.
                    assertTrue(other.get().isDone(), "the other filing waited for the stalled one");
                    try (Statement wake = c.createStatement()) {
                        wake.execute("SELECT 1");
                    }
                    return null;
                }));
        assertEquals(1, other.get().get(10, TimeUnit.SECONDS).rounds(), "the round was filed by the other filing");
    }
}
