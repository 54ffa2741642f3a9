package dev.tandem.model;

import dev.tandem.common.Refusal;

/** The domain has no model with the requested id (never had one, or it was deleted). */
public class ModelNotFoundException extends Refusal {

    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String modelId) {
        super(Reason.NOT_FOUND, "model_not_found", "no model " + modelId);
    }
}
