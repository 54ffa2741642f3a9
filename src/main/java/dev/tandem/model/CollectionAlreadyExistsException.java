package dev.tandem.model;

/** The domain has a collection with that id already. */
public class CollectionAlreadyExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CollectionAlreadyExistsException(String collectionId) {
        super("collection " + collectionId + " already exists");
    }
}
