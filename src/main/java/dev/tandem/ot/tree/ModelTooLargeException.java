package dev.tandem.ot.tree;

/**
 * Data that would make a model larger than its limit (see {@link ModelTree#size()}): an operation that grows the
 * tree past it (the tree is left unchanged), or new model data over it.
 */
public final class ModelTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * Creates the exception.
     *
     * @param size the size the data would have
     * @param limit the limit
     */
    public ModelTooLargeException(long size, long limit) {
        super("the model's data would grow to " + size + " (characters of text, names and ids, and 16 per value),"
                + " over its limit of " + limit);
        this.size = size;
        this.limit = limit;
    }

    /** The size the data would have. */
    public long size() {
        return size;
    }

    /** The limit. */
    public long limit() {
        return limit;
    }
}
