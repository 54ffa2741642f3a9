package dev.tandem.model;

import dev.tandem.common.Refusal;

/**
 * A request that needs a model's live instance reached a node of the cluster that does not own the model. The admin
 * API's edit of a model's data is then forwarded to the owner ({@link ModelAdministration#replaceData}); what is
 * refused with it reaches the caller as 409 {@code model_owned_elsewhere} only if the owner could not be reached.
 */
public class ModelOwnedElsewhereException extends Refusal {

    private static final long serialVersionUID = 1L;

    private final transient String owner;

    public ModelOwnedElsewhereException(String modelId, String owner) {
        super(Reason.CONFLICT, "model_owned_elsewhere", "model " + modelId + " is open on another node of the cluster");
        this.owner = owner;
    }

    /** The member that owns the model. */
    String owner() {
        return owner;
    }
}
