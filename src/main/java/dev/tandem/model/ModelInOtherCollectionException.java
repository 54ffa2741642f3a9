package dev.tandem.model;

import dev.tandem.common.Refusal;

/** A model named with a collection it is not in. */
public class ModelInOtherCollectionException extends Refusal {

    private static final long serialVersionUID = 1L;

    public ModelInOtherCollectionException(String modelId, String actualCollectionId) {
        super(Reason.CONFLICT, "collection_mismatch", "model " + modelId + " is in collection " + actualCollectionId);
    }
}
