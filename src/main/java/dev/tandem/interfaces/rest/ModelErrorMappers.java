package dev.tandem.interfaces.rest;

import dev.tandem.ot.tree.ModelTooLargeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Data over a model's size limit (413 {@code model_too_large}), in Convergence's error envelope. The OT core that
 * raises it depends on nothing else, so it is no {@link dev.tandem.common.Refusal}; every other model refusal is
 * answered by {@link ErrorMappers.Refused}.
 */
public final class ModelErrorMappers {

    private ModelErrorMappers() {}

    @Provider
    public static class ModelTooLarge implements ExceptionMapper<ModelTooLargeException> {
        @Override
        public Response toResponse(ModelTooLargeException e) {
            return Envelope.error(
                    413,
                    "model_too_large",
                    e.getMessage() + " (tandem.model.max-size)",
                    Map.of("size", e.size(), "limit", e.limit()));
        }
    }
}
