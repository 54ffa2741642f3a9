package dev.tandem.model;

/** The domain has no model with the requested id (never had one, or it was deleted). */
public class ModelNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String modelId) {
        super("no model " + modelId, null, false, false);
    }
}
