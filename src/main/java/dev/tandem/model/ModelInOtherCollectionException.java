package dev.tandem.model;

/** A model named with a collection it is not in. */
public class ModelInOtherCollectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelInOtherCollectionException(String modelId, String actualCollectionId) {
        super("model " + modelId + " is in collection " + actualCollectionId, null, false, false);
    }
}
