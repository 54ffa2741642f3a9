package dev.tandem.model.query;

/** Refused at once: as many queries as {@code tandem.model.query.max-waiting} already wait for a query thread. */
public class QueriesBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public QueriesBusyException(int waiting) {
        super("the server is busy with " + waiting + " waiting queries; try again shortly", null, false, false);
    }
}
