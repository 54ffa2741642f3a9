package dev.tandem.model;

import dev.tandem.common.Refusal;
import java.util.Map;

/** The domain has a collection with that id already. */
public class CollectionAlreadyExistsException extends Refusal {

    private static final long serialVersionUID = 1L;

    public CollectionAlreadyExistsException(String collectionId) {
        super(
                Reason.ALREADY_EXISTS,
                "collection_already_exists",
                "collection " + collectionId + " already exists",
                Map.of("field", "id"));
    }
}
