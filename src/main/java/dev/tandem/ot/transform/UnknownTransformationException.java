package dev.tandem.ot.transform;

/** No transformation function is registered for a (server, client) pair of operation types. */
public final class UnknownTransformationException extends TransformationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the pair that was missing
     */
    public UnknownTransformationException(String message) {
        super(message);
    }
}
