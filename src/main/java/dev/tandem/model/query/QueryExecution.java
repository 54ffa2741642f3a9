package dev.tandem.model.query;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The limits of one query's run: a deadline its statements must meet, and a cancel that stops whichever statement is
 * running now (from any thread: the connection that asked for the query closed, the server shuts down).
 *
 * <p>Each statement gets the time left until the deadline as its JDBC query timeout; both H2 and PostgreSQL then
 * cancel it in the database, so no thread keeps running a statement nobody waits for.
 */
public final class QueryExecution {

    // H2 keeps the timeout in int milliseconds: a day is well within it.
    private static final long MAX_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final long timeoutNanos;
    private final long deadlineNanos;
    private Statement running;
    private boolean cancelled;

    /** A run that must end within {@code timeoutMillis} from now (at most a day). */
    public QueryExecution(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.min(Math.max(1, timeoutMillis), MAX_MILLIS));
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
    }

    /** The whole time allowed, in milliseconds. */
    public long timeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    /** Stops the statement running now, and any later one before it starts. Idempotent. */
    public void cancel() {
        Statement statement;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            statement = running;
        }
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // The statement finished or its connection closed meanwhile: nothing left to stop.
            }
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Throws if the run was cancelled or its time is up, so that no further work starts.
     *
     * @throws CancellationException if cancelled
     * @throws QueryTimeoutException if past the deadline
     */
    void check() {
        if (isCancelled()) {
            throw new CancellationException("the query was cancelled");
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            throw new QueryTimeoutException(timeoutMillis());
        }
    }

    /** Gives the statement the time left and makes it the one {@link #cancel()} stops; call before executing it. */
    void start(Statement statement) throws SQLException {
        check();
        long leftNanos = deadlineNanos - System.nanoTime();
        // JDBC counts whole seconds, 0 meaning none: round up, at least one second. The deadline check above and
        // after each statement keeps the run itself to the configured time.
        long seconds = Math.max(1, leftNanos / 1_000_000_000L + 1);
        statement.setQueryTimeout((int) seconds);
        synchronized (this) {
            if (cancelled) {
                throw new CancellationException("the query was cancelled");
            }
            running = statement;
        }
    }

    /** The statement ended (either way); {@link #cancel()} no longer reaches it. */
    synchronized void finish() {
        running = null;
    }

    /**
     * What a failed statement means: a {@link CancellationException} if this run was cancelled, a
     * {@link QueryTimeoutException} if the database stopped it for time (SQLSTATE 57014 in both H2 and
     * PostgreSQL, or the JDBC timeout exception), otherwise {@code null}: a real database failure.
     */
    RuntimeException interpret(SQLException e) {
        if (isCancelled()) {
            return new CancellationException("the query was cancelled");
        }
        if (e instanceof java.sql.SQLTimeoutException || "57014".equals(e.getSQLState())) {
            return new QueryTimeoutException(timeoutMillis());
        }
        return null;
    }
}
