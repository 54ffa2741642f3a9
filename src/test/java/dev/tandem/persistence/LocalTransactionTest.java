package dev.tandem.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * What {@link LocalTransaction} commits, rolls back and reports: against H2 for the data, and against a connection
 * that fails on chosen calls for what the caller is told when the connection breaks.
 */
class LocalTransactionTest {

    @Test
    void commitsWhatTheWorkWroteAndRollsBackWhatFailed() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:local-tx-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        LocalTransaction.run(h2, c -> c.createStatement().execute("CREATE TABLE t (v INT)"));

        int inserted = LocalTransaction.run(h2, c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1)"));
        assertEquals(1, inserted);
        SQLException failure = assertThrows(
                SQLException.class,
                () -> LocalTransaction.run(h2, c -> {
                    c.createStatement().executeUpdate("INSERT INTO t VALUES (2)");
                    return c.createStatement().executeUpdate("INSERT INTO missing VALUES (3)");
                }));
        assertTrue(failure.getMessage().contains("MISSING"), failure.getMessage());

        assertEquals(List.of(1), LocalTransaction.run(h2, c -> {
            List<Integer> values = new ArrayList<>();
            try (var rows = c.createStatement().executeQuery("SELECT v FROM t ORDER BY v")) {
                while (rows.next()) {
                    values.add(rows.getInt(1));
                }
            }
            return values;
        }));
        try (Connection c = h2.getConnection()) {
            assertTrue(c.getAutoCommit(), "handed back in auto-commit mode");
        }
    }

    @Test
    void aBrokenConnectionDoesNotHideWhyTheWorkFailed() {
        RecordingConnection connection = new RecordingConnection(Set.of("setAutoCommit(true)", "rollback"));
        SQLException cause = new SQLException("the work's own failure");

        SQLException thrown = assertThrows(
                SQLException.class,
                () -> LocalTransaction.run(connection.dataSource(), c -> {
                    throw cause;
                }));

        assertSame(cause, thrown);
        assertEquals(2, thrown.getSuppressed().length, "the rollback's and the reset's failures, suppressed");
        assertEquals(List.of("setAutoCommit(false)", "rollback", "setAutoCommit(true)", "close"), connection.calls);
    }

    @Test
    void committedWorkIsNotReportedAsFailedWhenTheConnectionBreaksAfterTheCommit() throws SQLException {
        RecordingConnection connection = new RecordingConnection(Set.of("setAutoCommit(true)", "close"));

        assertEquals("done", LocalTransaction.run(connection.dataSource(), c -> "done"));

        assertEquals(List.of("setAutoCommit(false)", "commit", "setAutoCommit(true)", "close"), connection.calls);
    }

    @Test
    void aFailedCommitIsReportedAndRolledBack() {
        RecordingConnection connection = new RecordingConnection(Set.of("commit"));

        SQLException thrown =
                assertThrows(SQLException.class, () -> LocalTransaction.run(connection.dataSource(), c -> "written"));

        assertEquals("commit failed", thrown.getMessage());
        assertEquals(
                List.of("setAutoCommit(false)", "commit", "rollback", "setAutoCommit(true)", "close"),
                connection.calls);
    }

    /** A connection that records the transaction calls made on it and fails the ones named. */
    private static final class RecordingConnection {
        final List<String> calls = new ArrayList<>();
        private final Set<String> failing;

        RecordingConnection(Set<String> failing) {
            this.failing = failing;
        }

        DataSource dataSource() {
            Connection connection = (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        String call = method.getName().equals("setAutoCommit")
                                ? "setAutoCommit(" + args[0] + ")"
                                : method.getName();
                        calls.add(call);
                        if (failing.contains(call)) {
                            throw new SQLException(call + " failed");
                        }
                        return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                    });
            return (DataSource) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            return connection;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
