package dev.tandem.persistence;

import java.sql.SQLException;

/**
 * The database failed while a store read or wrote; the operation it concerned did not happen (or, inside a JTA
 * transaction, will be rolled back with it). The one error every JDBC store throws; unchecked.
 *
 * <p>It keeps the {@link SQLException} that caused it, so a caller can still tell why the database refused, for
 * instance {@link #isUniqueViolation()}.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** SQLState of a unique constraint violation, on H2 and PostgreSQL alike. */
    public static final String UNIQUE_VIOLATION = "23505";

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The SQLState of the first {@link SQLException} among the causes, or {@code null} if there is none. */
    public String sqlState() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * True if the database refused a row because it broke a unique constraint (SQLState 23505 on H2 and PostgreSQL):
     * a concurrent writer inserted the same key first.
     */
    public boolean isUniqueViolation() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
