package dev.tandem.model.query;

import dev.tandem.common.Refusal;
import java.util.Map;

/** A query that cannot be parsed or run as written; {@link #position()} is where the problem is (0-based). */
public class InvalidQueryException extends Refusal {

    private static final long serialVersionUID = 1L;

    private final int position;

    public InvalidQueryException(String problem, int position) {
        super(Reason.INVALID, "invalid_query", problem + " at position " + position, Map.of("position", position));
        this.position = position;
    }

    /** The 0-based index in the query text where the problem was found. */
    public int position() {
        return position;
    }
}
