package dev.tandem.model.query;

import dev.tandem.common.Refusal;
import java.util.Map;

/**
 * Refused at once: as many queries as {@code tandem.model.query.max-waiting} already wait for a query thread
 * (protocol code {@code query_busy}).
 */
public class QueriesBusyException extends Refusal {

    private static final long serialVersionUID = 1L;

    public QueriesBusyException(int waiting) {
        super(
                Reason.LIMIT,
                "query_busy",
                "the server is busy with " + waiting + " waiting queries; try again shortly",
                Map.of("waiting", waiting));
    }
}
