package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.PermissionResolver;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides who may do what with one model: its own entries and those of its collection.
 *
 * <p>A user's permissions are, in this order, the first that exists: the model's entry for the user, the collection's
 * entry for the user, the model's world permissions if the model overrides the collection's world
 * ({@code overrideWorld}), else the collection's world permissions. Domain administrators (Convergence users) may do
 * everything. This is Convergence's resolution; a user entry is taken whole, never merged with the world. It is
 * {@link PermissionResolver}'s {@link PermissionResolver.Precedence#MOST_SPECIFIC} over two targets, the model and
 * then its collection; what is the model's own is that pair, the override flag, and that there are no group
 * entries.
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

    private static final PermissionResolver<ModelPermissions> ON_MODELS = PermissionResolver.of(
            PermissionResolver.Precedence.MOST_SPECIFIC,
            ModelPermissions.ALL,
            ModelPermissions.NONE,
            (a, b) -> new ModelPermissions(
                    a.read() || b.read(), a.write() || b.write(), a.remove() || b.remove(), a.manage() || b.manage()));

    private static final PermissionResolver<CollectionPermissions> ON_COLLECTIONS = PermissionResolver.of(
            PermissionResolver.Precedence.MOST_SPECIFIC,
            CollectionPermissions.ALL,
            CollectionPermissions.NONE,
            (a, b) -> new CollectionPermissions(
                    a.create() || b.create(),
                    a.read() || b.read(),
                    a.write() || b.write(),
                    a.remove() || b.remove(),
                    a.manage() || b.manage()));

    public ModelAccess {
        collectionUsers = Map.copyOf(collectionUsers);
    }

    /** The permissions of {@code user} on the model. */
    public ModelPermissions permissionsOf(DomainUserId user) {
        // Of the collection's user entries only this user's can apply: the one to turn into a model's.
        CollectionPermissions own = collectionUsers.get(user);
        Map<DomainUserId, ModelPermissions> inCollection = own == null ? Map.of() : Map.of(user, own.forModel());
        return ON_MODELS.resolve(
                user,
                List::of,
                List.of(
                        new PermissionResolver.Entries<>(
                                model.overrideWorld() ? model.world() : null, model.users(), Map.of()),
                        new PermissionResolver.Entries<>(collectionWorld.forModel(), inCollection, Map.of())));
    }

    /**
     * Whether {@code user} may create models in a collection with these entries (the collection's entry for the
     * user, else its world permissions).
     */
    public static boolean mayCreate(
            DomainUserId user, CollectionPermissions world, Map<DomainUserId, CollectionPermissions> users) {
        return ON_COLLECTIONS
                .resolve(user, List::of, new PermissionResolver.Entries<>(world, users, Map.of()))
                .create();
    }
}
