package dev.tandem.model.query;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One model a query matched.
 *
 * @param data the whole model as plain JSON for {@code SELECT *}, otherwise the selected fields by their key (alias
 *     or field as written); a selected field the model lacks is left out
 */
public record QueryResult(
        String modelId, String collectionId, long version, Instant createdAt, Instant modifiedAt, JsonObject data) {}
