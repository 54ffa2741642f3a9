package dev.tandem.model;

import dev.tandem.common.Refusal;

/**
 * A request that needs a model's live instance reached a node of the cluster that does not own the model, for an
 * operation that is not forwarded to the owner yet (the admin API's edit of a model's data).
 */
public class ModelOwnedElsewhereException extends Refusal {

    private static final long serialVersionUID = 1L;

    public ModelOwnedElsewhereException(String modelId) {
        super(Reason.CONFLICT, "model_owned_elsewhere", "model " + modelId + " is open on another node of the cluster");
    }
}
