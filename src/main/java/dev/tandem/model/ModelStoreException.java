package dev.tandem.model;

/** The database failed while reading or writing model state; the operation it concerned did not happen. */
public class ModelStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
