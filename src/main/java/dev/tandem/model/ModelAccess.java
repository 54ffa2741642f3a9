package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import java.util.Map;

/**
 * Everything that decides who may do what with one model: its own entries and those of its collection.
 *
 * <p>A user's permissions are, in this order, the first that exists: the model's entry for the user, the collection's
 * entry for the user, the model's world permissions if the model overrides the collection's world
 * ({@code overrideWorld}), else the collection's world permissions. Domain administrators (Convergence users) may do
 * everything. This is Convergence's resolution; a user entry is taken whole, never merged with the world.
 *
 * @param model the model's own settings
 * @param collectionWorld the collection's world permissions
 * @param collectionUsers the collection's per-user entries
 */
public record ModelAccess(
        ModelPermissionSettings model,
        CollectionPermissions collectionWorld,
        Map<DomainUserId, CollectionPermissions> collectionUsers) {

    /** What everyone may do: a model nobody restricted, and what a store without permissions gives. */
    public static final ModelAccess OPEN =
            new ModelAccess(ModelPermissionSettings.NOT_OVERRIDDEN, CollectionPermissions.ALL, Map.of());

    /** What nobody but domain administrators may do: a model that no longer exists. */
    public static final ModelAccess NONE =
            new ModelAccess(ModelPermissionSettings.NOT_OVERRIDDEN, CollectionPermissions.NONE, Map.of());

    public ModelAccess {
        collectionUsers = Map.copyOf(collectionUsers);
    }

    /** The permissions of {@code user} on the model. */
    public ModelPermissions permissionsOf(DomainUserId user) {
        if (user.type() == UserType.CONVERGENCE) {
            return ModelPermissions.ALL;
        }
        ModelPermissions own = model.users().get(user);
        if (own != null) {
            return own;
        }
        CollectionPermissions inCollection = collectionUsers.get(user);
        if (inCollection != null) {
            return inCollection.forModel();
        }
        return model.overrideWorld() ? model.world() : collectionWorld.forModel();
    }

    /**
     * Whether {@code user} may create models in a collection with these entries (the collection's entry for the
     * user, else its world permissions).
     */
    public static boolean mayCreate(
            DomainUserId user, CollectionPermissions world, Map<DomainUserId, CollectionPermissions> users) {
        if (user.type() == UserType.CONVERGENCE) {
            return true;
        }
        return users.getOrDefault(user, world).create();
    }
}
