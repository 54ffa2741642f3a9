package dev.tandem.model;

/** The database failed while reading or writing model state; the operation it concerned did not happen. */
public class ModelStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True if the database refused a row because it broke a unique constraint (SQLState 23505 on H2 and PostgreSQL):
     * a concurrent writer inserted the same key first.
     */
    public boolean isUniqueViolation() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
