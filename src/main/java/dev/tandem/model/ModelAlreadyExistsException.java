package dev.tandem.model;

import dev.tandem.common.Refusal;
import java.util.Map;

/** A model with the requested id already exists in the domain. */
public class ModelAlreadyExistsException extends Refusal {

    private static final long serialVersionUID = 1L;

    public ModelAlreadyExistsException(String modelId) {
        super(
                Reason.ALREADY_EXISTS,
                "model_already_exists",
                "a model with id " + modelId + " already exists",
                Map.of("field", "id"));
    }
}
