package dev.tandem.model;

/** What a user may do with one model, as the client sees it ({@code model.permissions()}). */
public record ModelPermissions(boolean read, boolean write, boolean remove, boolean manage) {

    public static final ModelPermissions ALL = new ModelPermissions(true, true, true, true);
    public static final ModelPermissions NONE = new ModelPermissions(false, false, false, false);
}
