package dev.tandem.model;

/** A model with the requested id already exists in the domain. */
public class ModelAlreadyExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelAlreadyExistsException(String modelId) {
        super("a model with id " + modelId + " already exists", null, false, false);
    }
}
