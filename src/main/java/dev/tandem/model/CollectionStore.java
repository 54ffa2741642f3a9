package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable state of collections (with their permissions and snapshot policy), of models' permissions, and the domain's
 * model settings (collection auto-creation, snapshot policy): a live model reads them when it loads and when they
 * change. {@link JdbcCollectionStore} keeps them in the database. Every method is one transaction; a failure of the
 * database is a {@link dev.tandem.persistence.StoreException}.
 */
public interface CollectionStore {

    /** The domain's model settings. */
    record DomainModelSettings(boolean autoCreateCollections, SnapshotPolicy snapshotPolicy) {}

    /** A collection's permissions. */
    record CollectionAccess(CollectionPermissions world, Map<DomainUserId, CollectionPermissions> users) {}

    /** The domain's model settings. */
    DomainModelSettings domainSettings(String domainRef);

    /** Sets the domain's snapshot policy. */
    void setDomainSnapshotPolicy(String domainRef, SnapshotPolicy policy);

    /** Sets whether creating a model in a missing collection creates the collection. */
    void setAutoCreateCollections(String domainRef, boolean autoCreate);

    /** The collection, if the domain has it. */
    Optional<ModelCollection> find(String domainRef, String collectionId);

    /** Every collection of the domain, by id. */
    List<ModelCollection> list(String domainRef);

    /** Creates a collection; false if the domain has one with that id. */
    boolean create(String domainRef, ModelCollection collection);

    /** Replaces a collection's description, permissions and snapshot policy; false if it does not exist. */
    boolean update(String domainRef, ModelCollection collection);

    /** The ids of the models in a collection. */
    List<String> modelIds(String domainRef, String collectionId);

    /** How many models each collection of the domain holds, by collection id (collections without models: absent). */
    Map<String, Integer> modelCounts(String domainRef);

    /** Deletes an empty collection; false if it does not exist. */
    boolean delete(String domainRef, String collectionId);

    /** What decides who may create a model in a collection; empty if there is no such collection. */
    Optional<CollectionAccess> collectionAccess(String domainRef, String collectionId);

    /** Everything that decides who may do what with a model; empty if it does not exist. */
    Optional<ModelAccess> modelAccess(String modelRef);

    /**
     * Changes a model's permission settings and returns them as they are now.
     *
     * @throws ModelNotFoundException if there is no such model
     */
    ModelPermissionSettings changeModelPermissions(String modelRef, String domainRef, ModelPermissionChange change);
}
