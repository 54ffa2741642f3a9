package dev.tandem.model;

import dev.tandem.common.Refusal;
import dev.tandem.ot.tree.ModelTooLargeException;
import java.util.Map;

/**
 * New data for a model (a creation, a replacement) that would make it larger than {@code tandem.model.max-size}
 * (code {@code model_too_large}). The model's refusal of what the OT core reports as a
 * {@link ModelTooLargeException}: the core depends on nothing, so the model turns it into a {@link Refusal} where it
 * leaves the model. An operation of a session over the limit is no refusal: it closes the model for that session.
 */
public class ModelSizeLimitException extends Refusal {

    private static final long serialVersionUID = 1L;

    public ModelSizeLimitException(ModelTooLargeException tooLarge) {
        super(
                Reason.LIMIT,
                "model_too_large",
                tooLarge.getMessage() + " (tandem.model.max-size)",
                Map.of("size", tooLarge.size(), "limit", tooLarge.limit()));
    }
}
