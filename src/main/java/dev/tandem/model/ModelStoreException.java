package dev.tandem.model;

import dev.tandem.persistence.StoreException;

/**
 * The database failed while reading or writing model state; the operation it concerned did not happen. A
 * {@link StoreException} (whose {@link #isUniqueViolation()} tells a concurrent writer's duplicate key), kept while
 * {@link ModelStore} and the operation log still name it.
 */
public class ModelStoreException extends StoreException {

    private static final long serialVersionUID = 1L;

    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
