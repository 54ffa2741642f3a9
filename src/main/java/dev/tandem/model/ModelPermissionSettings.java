package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import java.util.Map;

/**
 * A model's own permission settings, as {@code GetModelPermissions} shows them.
 *
 * @param overrideWorld whether {@code world} replaces the collection's world permissions for this model
 * @param world the model's world permissions (ignored unless {@code overrideWorld})
 * @param users per-user entries, which win over everything else
 */
public record ModelPermissionSettings(
        boolean overrideWorld, ModelPermissions world, Map<DomainUserId, ModelPermissions> users) {

    /** A model that leaves everything to its collection. */
    public static final ModelPermissionSettings NOT_OVERRIDDEN =
            new ModelPermissionSettings(false, ModelPermissions.NONE, Map.of());

    public ModelPermissionSettings {
        users = Map.copyOf(users);
    }
}
