package dev.tandem.model;

import dev.tandem.ot.value.ObjectValue;
import java.time.Instant;
import java.util.List;

/**
 * What an opener receives: the model at {@code version}, the value-id prefix reserved for it, and who else is there.
 *
 * @param collaborators every session with the model open, the opener included (as the client expects)
 * @param permissions what the opener may do with the model
 */
public record OpenedModel(
        String modelId,
        String collectionId,
        String valueIdPrefix,
        long version,
        Instant createdAt,
        Instant modifiedAt,
        ObjectValue data,
        List<Collaborator> collaborators,
        List<SharedReference> references,
        ModelPermissions permissions) {}
