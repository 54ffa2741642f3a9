package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import java.util.List;
import java.util.Map;

/**
 * A change of a model's permission settings ({@code SetModelPermissions}): each part is optional.
 *
 * @param overrideWorld the new override flag, or null to keep it
 * @param world the new world permissions, or null to keep them
 * @param replaceUsers whether every user entry is removed before {@code setUsers} are applied
 * @param setUsers user entries to add or replace
 * @param removeUsers user entries to remove
 */
public record ModelPermissionChange(
        Boolean overrideWorld,
        ModelPermissions world,
        boolean replaceUsers,
        Map<DomainUserId, ModelPermissions> setUsers,
        List<DomainUserId> removeUsers) {

    public ModelPermissionChange {
        setUsers = Map.copyOf(setUsers);
        removeUsers = List.copyOf(removeUsers);
    }

    /** The settings after this change. */
    public ModelPermissionSettings applyTo(ModelPermissionSettings current) {
        Map<DomainUserId, ModelPermissions> users =
                new java.util.LinkedHashMap<>(replaceUsers ? Map.of() : current.users());
        users.putAll(setUsers);
        removeUsers.forEach(users::remove);
        return new ModelPermissionSettings(
                overrideWorld != null ? overrideWorld : current.overrideWorld(),
                world != null ? world : current.world(),
                users);
    }
}
