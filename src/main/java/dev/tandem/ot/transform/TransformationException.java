package dev.tandem.ot.transform;

/**
 * Two operations could not be transformed: the pair describes an impossible state (for example an
 * add-property and a set-property of the same key), or no function is registered for it.
 */
public class TransformationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public TransformationException(String message) {
        super(message);
    }
}
