package dev.tandem.model.query;

/** A query that did not finish within {@code tandem.model.query.timeout-millis}; the database stopped it. */
public class QueryTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long timeoutMillis;

    public QueryTimeoutException(long timeoutMillis) {
        super("the query took longer than " + timeoutMillis + " ms and was stopped; narrow it down", null, false,
                false);
        this.timeoutMillis = timeoutMillis;
    }

    /** The time the query was allowed. */
    public long timeoutMillis() {
        return timeoutMillis;
    }
}
