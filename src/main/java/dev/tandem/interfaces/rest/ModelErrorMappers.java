package dev.tandem.interfaces.rest;

import dev.tandem.model.CollectionAlreadyExistsException;
import dev.tandem.model.CollectionNotFoundException;
import dev.tandem.model.ModelAlreadyExistsException;
import dev.tandem.model.ModelInOtherCollectionException;
import dev.tandem.model.ModelNotFoundException;
import dev.tandem.model.query.InvalidQueryException;
import dev.tandem.ot.value.ModelTooLargeException;
import dev.tandem.model.query.QueryTimeoutException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * The model services' refusals in Convergence's error envelope: unknown models and collections (404), ids already
 * taken and models named with another collection (409), and queries that do not parse (400 with the position of the
 * problem), queries stopped for time (400 {@code query_timeout}), and data over a model's size limit (413
 * {@code model_too_large}).
 */
public final class ModelErrorMappers {

    private ModelErrorMappers() {
    }

    @Provider
    public static class ModelNotFound implements ExceptionMapper<ModelNotFoundException> {
        @Override
        public Response toResponse(ModelNotFoundException e) {
            return Envelope.error(404, "not_found", e.getMessage(), null);
        }
    }

    @Provider
    public static class CollectionNotFound implements ExceptionMapper<CollectionNotFoundException> {
        @Override
        public Response toResponse(CollectionNotFoundException e) {
            return Envelope.error(404, "not_found", e.getMessage(), null);
        }
    }

    @Provider
    public static class ModelExists implements ExceptionMapper<ModelAlreadyExistsException> {
        @Override
        public Response toResponse(ModelAlreadyExistsException e) {
            return Envelope.error(409, "duplicate", e.getMessage(), Map.of("field", "id"));
        }
    }

    @Provider
    public static class CollectionExists implements ExceptionMapper<CollectionAlreadyExistsException> {
        @Override
        public Response toResponse(CollectionAlreadyExistsException e) {
            return Envelope.error(409, "duplicate", e.getMessage(), Map.of("field", "id"));
        }
    }

    @Provider
    public static class OtherCollection implements ExceptionMapper<ModelInOtherCollectionException> {
        @Override
        public Response toResponse(ModelInOtherCollectionException e) {
            return Envelope.error(409, "collection_mismatch", e.getMessage(), null);
        }
    }

    @Provider
    public static class InvalidQuery implements ExceptionMapper<InvalidQueryException> {
        @Override
        public Response toResponse(InvalidQueryException e) {
            return Envelope.error(400, "invalid_query", e.getMessage(), Map.of("position", e.position()));
        }
    }

    @Provider
    public static class ModelTooLarge implements ExceptionMapper<ModelTooLargeException> {
        @Override
        public Response toResponse(ModelTooLargeException e) {
            return Envelope.error(413, "model_too_large", e.getMessage() + " (tandem.model.max-size)",
                    Map.of("size", e.size(), "limit", e.limit()));
        }
    }

    @Provider
    public static class QueryTimeout implements ExceptionMapper<QueryTimeoutException> {
        @Override
        public Response toResponse(QueryTimeoutException e) {
            return Envelope.error(400, "query_timeout", e.getMessage(), Map.of("timeoutMillis", e.timeoutMillis()));
        }
    }
}
