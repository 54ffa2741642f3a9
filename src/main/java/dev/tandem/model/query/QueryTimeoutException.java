package dev.tandem.model.query;

import dev.tandem.common.Refusal;
import java.util.Map;

/** A query that did not finish within {@code tandem.model.query.timeout-millis}; the database stopped it. */
public class QueryTimeoutException extends Refusal {

    private static final long serialVersionUID = 1L;

    private final long timeoutMillis;

    public QueryTimeoutException(long timeoutMillis) {
        super(
                Reason.TIMEOUT,
                "query_timeout",
                "the query took longer than " + timeoutMillis + " ms and was stopped; narrow it down",
                Map.of("timeoutMillis", timeoutMillis));
        this.timeoutMillis = timeoutMillis;
    }

    /** The time the query was allowed. */
    public long timeoutMillis() {
        return timeoutMillis;
    }
}
