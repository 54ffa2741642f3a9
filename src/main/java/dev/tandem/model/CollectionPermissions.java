package dev.tandem.model;

/** What a user may do with a collection and, unless a model says otherwise, with the models in it. */
public record CollectionPermissions(boolean create, boolean read, boolean write, boolean remove, boolean manage) {

    public static final CollectionPermissions ALL = new CollectionPermissions(true, true, true, true, true);
    public static final CollectionPermissions NONE = new CollectionPermissions(false, false, false, false, false);

    /** The part that applies to a model of the collection. */
    public ModelPermissions forModel() {
        return new ModelPermissions(read, write, remove, manage);
    }
}
