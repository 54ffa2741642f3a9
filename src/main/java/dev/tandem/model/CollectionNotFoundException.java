package dev.tandem.model;

/** No such collection, and the domain does not create collections on demand. */
public class CollectionNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CollectionNotFoundException(String collectionId) {
        super("no collection " + collectionId);
    }
}
