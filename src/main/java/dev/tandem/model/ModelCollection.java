package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import java.util.Map;

/**
 * A collection of models in a domain.
 *
 * @param world what users without their own entry may do (create models, and with the models unless a model
 *     overrides it)
 * @param users per-user entries
 * @param snapshotPolicy the collection's own snapshot policy, or null to use the domain's
 */
public record ModelCollection(
        String id,
        String description,
        CollectionPermissions world,
        Map<DomainUserId, CollectionPermissions> users,
        SnapshotPolicy snapshotPolicy) {

    public ModelCollection {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a collection id is required");
        }
        description = description == null ? "" : description;
        users = Map.copyOf(users);
    }

    /** A collection as auto-creation makes it: everyone may do everything (as in Convergence). */
    public static ModelCollection autoCreated(String id) {
        return new ModelCollection(id, "", CollectionPermissions.ALL, Map.of(), null);
    }
}
