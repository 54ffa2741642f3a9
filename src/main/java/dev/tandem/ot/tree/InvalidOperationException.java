package dev.tandem.ot.tree;

/**
 * An operation that cannot be applied to the tree: wrong value type for its target, an index out of
 * range, a duplicate value id, a NaN number. The tree is left unchanged. The server rejects the
 * submitting client's operation when this happens.
 */
public final class InvalidOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public InvalidOperationException(String message) {
        super(message);
    }
}
