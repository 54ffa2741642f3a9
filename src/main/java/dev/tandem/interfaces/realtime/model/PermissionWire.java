package dev.tandem.interfaces.realtime.model;

import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.realtime.proto.model.ModelPermissionsData;
import dev.tandem.interfaces.realtime.proto.model.UserModelPermissionsData;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.model.ModelPermissionSettings;
import dev.tandem.model.ModelPermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Model permissions between the wire and the model service. */
final class PermissionWire {

    private PermissionWire() {}

    static ModelPermissionsData toWire(ModelPermissions permissions) {
        return ModelPermissionsData.newBuilder()
                .setRead(permissions.read())
                .setWrite(permissions.write())
                .setRemove(permissions.remove())
                .setManage(permissions.manage())
                .build();
    }

    static ModelPermissions fromWire(ModelPermissionsData data) {
        return new ModelPermissions(data.getRead(), data.getWrite(), data.getRemove(), data.getManage());
    }

    static List<UserModelPermissionsData> toWire(Map<DomainUserId, ModelPermissions> users) {
        return users.entrySet().stream()
                .map(e -> UserModelPermissionsData.newBuilder()
                        .setUser(Wire.userId(e.getKey()))
                        .setPermissions(toWire(e.getValue()))
                        .build())
                .toList();
    }

    /** Later entries for the same user win, as they would in a map the client builds. */
    static Map<DomainUserId, ModelPermissions> fromWire(List<UserModelPermissionsData> users) {
        Map<DomainUserId, ModelPermissions> result = new LinkedHashMap<>();
        for (UserModelPermissionsData entry : users) {
            result.put(Wire.userId(entry.getUser()), fromWire(entry.getPermissions()));
        }
        return result;
    }

    /**
     * The settings a create request or an auto-create configuration carries. The world permissions count only with
     * {@code overrideWorld}; absent, they are stored as none (as Convergence does).
     */
    static ModelPermissionSettings settings(
            boolean overrideWorld, boolean hasWorld, ModelPermissionsData world, List<UserModelPermissionsData> users) {
        return new ModelPermissionSettings(
                overrideWorld, hasWorld ? fromWire(world) : ModelPermissions.NONE, fromWire(users));
    }
}
