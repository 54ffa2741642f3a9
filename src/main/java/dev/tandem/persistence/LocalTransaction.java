package dev.tandem.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A JDBC transaction committed by the code that runs it, on a connection of a data source outside JTA
 * ({@link DatabaseSchema#LOG_DATA_SOURCE}).
 *
 * <p>For work that touches only the database and must be atomic whatever thread runs it: the container enlists a
 * connection in a JTA transaction only when it finds that transaction where it looks for it, and on the long-lived
 * managed threads that run the models it sometimes did not, so the statements of a "transaction" committed one by one.
 */
public final class LocalTransaction {

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private LocalTransaction() {
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the rollback's own
     * failure is added to the error as suppressed). The connection is handed back to the pool in auto-commit mode.
     */
    public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
