package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Collections of a domain (with their permissions and snapshot policy) and the domain's model settings, for the admin
 * API and the seed file. A change of a collection's permissions reaches the sessions of its open models at once.
 */
@ApplicationScoped
public class CollectionService {

    @Inject
    CollectionStore store;

    @Inject
    ModelService models;

    /**
     * Creates a collection.
     *
     * @throws CollectionAlreadyExistsException if the domain has one with that id
     */
    public void create(String domainRef, ModelCollection collection) {
        if (!store.create(domainRef, collection)) {
            throw new CollectionAlreadyExistsException(collection.id());
        }
    }

    /**
     * Replaces a collection's description, permissions and snapshot policy. Sessions of its open models see their
     * permissions change now; the snapshot policy applies to models loaded from now on.
     *
     * @throws CollectionNotFoundException if there is no such collection
     */
    public void update(String domainRef, ModelCollection collection) {
        if (!store.update(domainRef, collection)) {
            throw new CollectionNotFoundException(collection.id());
        }
        models.collectionPermissionsChanged(domainRef, collection.id());
    }

    public Optional<ModelCollection> find(String domainRef, String collectionId) {
        return store.find(domainRef, collectionId);
    }

    public List<ModelCollection> list(String domainRef) {
        return store.list(domainRef);
    }

    /**
     * A page of the domain's collections by id; with a {@code filter}, only those whose id or description contains
     * it (ignoring case).
     */
    public List<ModelCollection> list(String domainRef, String filter, int offset, int limit) {
        String needle = filter == null || filter.isBlank() ? null : filter.toLowerCase(Locale.ROOT);
        return store.list(domainRef).stream()
                .filter(c -> needle == null
                        || c.id().toLowerCase(Locale.ROOT).contains(needle)
                        || c.description().toLowerCase(Locale.ROOT).contains(needle))
                .skip(offset)
                .limit(limit)
                .toList();
    }

    /** How many models each collection holds, by collection id (absent: none). */
    public Map<String, Integer> modelCounts(String domainRef) {
        return store.modelCounts(domainRef);
    }

    /**
     * The collection.
     *
     * @throws CollectionNotFoundException if there is no such collection
     */
    public ModelCollection get(String domainRef, String collectionId) {
        return store.find(domainRef, collectionId).orElseThrow(() -> new CollectionNotFoundException(collectionId));
    }

    /**
     * Sets a collection's world permissions; open models of it apply them at once.
     *
     * @throws CollectionNotFoundException if there is no such collection
     */
    public void setWorldPermissions(String domainRef, String collectionId, CollectionPermissions world) {
        ModelCollection c = get(domainRef, collectionId);
        update(domainRef, new ModelCollection(c.id(), c.description(), world, c.users(), c.snapshotPolicy()));
    }

    /**
     * Sets (or, with null permissions, removes) a user's entry on a collection; open models of it apply it at once.
     *
     * @throws CollectionNotFoundException if there is no such collection
     */
    public void setUserPermissions(
            String domainRef, String collectionId, DomainUserId user, CollectionPermissions permissions) {
        ModelCollection c = get(domainRef, collectionId);
        Map<DomainUserId, CollectionPermissions> users = new LinkedHashMap<>(c.users());
        if (permissions == null) {
            users.remove(user);
        } else {
            users.put(user, permissions);
        }
        update(domainRef, new ModelCollection(c.id(), c.description(), c.world(), users, c.snapshotPolicy()));
    }

    /**
     * Deletes a collection with all its models (their open sessions are force-closed as for a deleted model).
     *
     * @return false if there was no such collection
     */
    public boolean delete(String domainRef, String collectionId) {
        for (String modelId : store.modelIds(domainRef, collectionId)) {
            models.delete(domainRef, modelId);
        }
        return store.delete(domainRef, collectionId);
    }

    /** The domain's collection auto-creation setting and snapshot policy. */
    public CollectionStore.DomainModelSettings domainSettings(String domainRef) {
        return store.domainSettings(domainRef);
    }

    /** Sets the domain's snapshot policy; models loaded from now on follow it unless their collection overrides it. */
    public void setDomainSnapshotPolicy(String domainRef, SnapshotPolicy policy) {
        store.setDomainSnapshotPolicy(domainRef, policy);
    }

    /** Sets whether creating a model in a missing collection creates the collection. */
    public void setAutoCreateCollections(String domainRef, boolean autoCreate) {
        store.setAutoCreateCollections(domainRef, autoCreate);
    }
}
