package dev.tandem.model;

import dev.tandem.common.Refusal;

/** No such collection, and the domain does not create collections on demand. */
public class CollectionNotFoundException extends Refusal {

    private static final long serialVersionUID = 1L;

    public CollectionNotFoundException(String collectionId) {
        super(Reason.NOT_FOUND, "collection_does_not_exist", "no collection " + collectionId);
    }
}
