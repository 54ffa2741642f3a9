package dev.tandem.model;

import dev.tandem.persistence.StoreException;

/**
 * A round of the operation log was refused because its writer was fenced: another node took over its models (it
 * was thought dead or stalled), or another server started on the same database without being in a cluster with this
 * one. Nothing of the round was committed, and no later round of this writer will be.
 */
public class WriterFencedException extends StoreException {

    private static final long serialVersionUID = 1L;

    public WriterFencedException(String writerId) {
        super("the operation log's writer " + writerId + " was fenced: another node has taken over its models", null);
    }
}
