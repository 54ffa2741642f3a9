package dev.tandem.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(LocalTransaction.class.getName());

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private LocalTransaction() {}

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the rollback's own
     * failure is added to the error as suppressed). The connection is handed back to the pool in auto-commit mode.
     *
     * <p>Once the commit has succeeded, nothing that goes wrong afterwards is reported as a failure of the work: a
     * caller told "failed" would treat committed work as not durable. A connection that cannot be put back into
     * auto-commit mode is logged; the pool's next user (another {@code run}) sets the mode it needs anyway.
     */
    public static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        Connection connection = dataSource.getConnection();
        T result;
        try {
            connection.setAutoCommit(false);
            result = work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException | Error e) {
            // The error the caller sees is the one that failed the work, not a broken connection's next one.
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            release(connection, e);
            throw e;
        }
        release(connection, null);
        return result;
    }

    /** Hands the connection back in auto-commit mode; what fails here is added to {@code failure}, or else logged. */
    private static void release(Connection connection, Throwable failure) {
        try (connection) {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.log(Level.WARNING, "committed, but could not hand the connection back cleanly", e);
            }
        }
    }
}
