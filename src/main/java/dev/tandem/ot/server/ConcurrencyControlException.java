package dev.tandem.ot.server;

/**
 * A client's submission does not fit the concurrency state: unknown session, a context version
 * newer than the server's or older than one the client already used. The model should force-close
 * that client (it cannot recover; the Convergence client never does).
 */
public final class ConcurrencyControlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public ConcurrencyControlException(String message) {
        super(message);
    }
}
