package dev.tandem.model;

import static dev.tandem.model.PolicyColumns.POLICY_COLUMNS;
import static dev.tandem.model.PolicyColumns.collectionPermissions;
import static dev.tandem.model.PolicyColumns.modelPermissions;
import static dev.tandem.model.PolicyColumns.policy;
import static dev.tandem.model.PolicyColumns.setCollectionPermissions;
import static dev.tandem.model.PolicyColumns.setModelPermissions;
import static dev.tandem.model.PolicyColumns.setPolicy;
import static dev.tandem.model.PolicyColumns.userId;

import dev.tandem.identity.DomainUserId;
import dev.tandem.persistence.Ids;
import dev.tandem.persistence.Jdbc;
import dev.tandem.persistence.StoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link CollectionStore} in plain JDBC, beside {@link JdbcModelStore}. Statements run through {@link Jdbc}; a
 * failure is a {@link StoreException}. Every method is one JTA transaction ({@code @Transactional}); two helpers
 * work in the caller's connection, so that a model created with them commits with them.
 */
@ApplicationScoped
public class JdbcCollectionStore implements CollectionStore {

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    /** For CDI. */
    public JdbcCollectionStore() {}

    /** Outside a container (tests): statements run on connections of this data source, in auto-commit. */
    public JdbcCollectionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    @Transactional
    public DomainModelSettings domainSettings(String domainRef) {
        return Jdbc.run(
                        dataSource,
                        "reading the model settings of domain " + domainRef,
                        c -> Jdbc.optional(
                                c,
                                "SELECT auto_create_collections, " + POLICY_COLUMNS + " FROM domains WHERE id = ?",
                                row -> new DomainModelSettings(row.getBoolean(1), policy(row, 2)),
                                domainRef))
                .orElseThrow(() -> new StoreException("no domain " + domainRef, null));
    }

    @Override
    @Transactional
    public void setDomainSnapshotPolicy(String domainRef, SnapshotPolicy policy) {
        Jdbc.execute(
                dataSource,
                "setting the snapshot policy of domain " + domainRef,
                c -> Jdbc.update(
                        c,
                        "UPDATE domains SET snapshots_enabled = ?, "
                                + "snapshot_trigger_by_version = ?, snapshot_max_version_interval = ?, "
                                + "snapshot_limited_by_version = ?, snapshot_min_version_interval = ?, "
                                + "snapshot_trigger_by_time = ?, snapshot_max_time_interval_ms = ?, "
                                + "snapshot_limited_by_time = ?, snapshot_min_time_interval_ms = ? WHERE id = ?",
                        update -> {
                            setPolicy(update, 1, policy);
                            update.setString(10, domainRef);
                        }));
    }

    @Override
    @Transactional
    public void setAutoCreateCollections(String domainRef, boolean autoCreate) {
        Jdbc.execute(
                dataSource,
                "setting collection auto-creation of domain " + domainRef,
                c -> Jdbc.update(
                        c, "UPDATE domains SET auto_create_collections = ? WHERE id = ?", autoCreate, domainRef));
    }

    @Override
    @Transactional
    public Optional<ModelCollection> find(String domainRef, String collectionId) {
        return Jdbc.run(dataSource, "reading collection " + collectionId, c -> {
            List<ModelCollection> found = select(c, domainRef, collectionId);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    @Transactional
    public List<ModelCollection> list(String domainRef) {
        return Jdbc.run(dataSource, "listing the collections of " + domainRef, c -> select(c, domainRef, null));
    }

    @Override
    @Transactional
    public boolean create(String domainRef, ModelCollection collection) {
        return Jdbc.run(dataSource, "creating collection " + collection.id(), c -> {
            if (refOf(c, domainRef, collection.id()).isPresent()) {
                return false;
            }
            insert(c, domainRef, collection, Instant.now());
            return true;
        });
    }

    @Override
    @Transactional
    public boolean update(String domainRef, ModelCollection collection) {
        return Jdbc.run(dataSource, "updating collection " + collection.id(), c -> {
            Optional<String> ref = refOf(c, domainRef, collection.id());
            if (ref.isEmpty()) {
                return false;
            }
            Jdbc.update(
                    c,
                    "UPDATE model_collections SET description = ?, "
                            + "world_can_create = ?, world_can_read = ?, world_can_write = ?, world_can_remove = ?, "
                            + "world_can_manage = ?, override_snapshot_policy = ?, snapshots_enabled = ?, "
                            + "snapshot_trigger_by_version = ?, snapshot_max_version_interval = ?, "
                            + "snapshot_limited_by_version = ?, snapshot_min_version_interval = ?, "
                            + "snapshot_trigger_by_time = ?, snapshot_max_time_interval_ms = ?, "
                            + "snapshot_limited_by_time = ?, snapshot_min_time_interval_ms = ? WHERE id = ?",
                    update -> {
                        update.setString(1, collection.description());
                        setCollectionPermissions(update, 2, collection.world());
                        update.setBoolean(7, collection.snapshotPolicy() != null);
                        setPolicy(update, 8, collection.snapshotPolicy());
                        update.setString(17, ref.get());
                    });
            replaceCollectionUsers(c, domainRef, ref.get(), collection.users());
            return true;
        });
    }

    @Override
    @Transactional
    public List<String> modelIds(String domainRef, String collectionId) {
        return Jdbc.run(
                dataSource,
                "listing the models of collection " + collectionId,
                c -> Jdbc.list(
                        c,
                        "SELECT m.model_id FROM models m JOIN model_collections "
                                + "mc ON mc.id = m.collection_ref WHERE mc.domain_ref = ? AND mc.collection_id = ? "
                                + "ORDER BY m.model_id",
                        row -> row.getString(1),
                        domainRef,
                        collectionId));
    }

    @Override
    @Transactional
    public Map<String, Integer> modelCounts(String domainRef) {
        return Jdbc.run(dataSource, "counting the models of " + domainRef, c -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> count : Jdbc.list(
                    c,
                    "SELECT mc.collection_id, COUNT(*) FROM models m "
                            + "JOIN model_collections mc ON mc.id = m.collection_ref WHERE mc.domain_ref = ? "
                            + "GROUP BY mc.collection_id",
                    row -> Map.entry(row.getString(1), row.getInt(2)),
                    domainRef)) {
                counts.put(count.getKey(), count.getValue());
            }
            return counts;
        });
    }

    @Override
    @Transactional
    public boolean delete(String domainRef, String collectionId) {
        return Jdbc.run(dataSource, "deleting collection " + collectionId, c -> {
            Optional<String> ref = refOf(c, domainRef, collectionId);
            if (ref.isEmpty()) {
                return false;
            }
            Jdbc.update(c, "DELETE FROM collection_user_permissions WHERE collection_ref = ?", ref.get());
            return Jdbc.update(c, "DELETE FROM model_collections WHERE id = ?", ref.get()) == 1;
        });
    }

    /**
     * The collection's row key, creating the collection (as {@link ModelCollection#autoCreated}) if it is missing and
     * the domain allows that; in the caller's connection, so that a model created with it commits with it.
     *
     * @throws CollectionNotFoundException if it is missing and the domain does not create collections on demand
     */
    static String ensureCollection(Connection c, String domainRef, String collectionId, Instant now)
            throws SQLException {
        Optional<String> ref = refOf(c, domainRef, collectionId);
        if (ref.isPresent()) {
            return ref.get();
        }
        if (!Jdbc.optional(
                        c,
                        "SELECT auto_create_collections FROM domains WHERE id = ?",
                        row -> row.getBoolean(1),
                        domainRef)
                .orElse(false)) {
            throw new CollectionNotFoundException(collectionId);
        }
        return insert(c, domainRef, ModelCollection.autoCreated(collectionId), now);
    }

    @Override
    @Transactional
    public Optional<CollectionAccess> collectionAccess(String domainRef, String collectionId) {
        return find(domainRef, collectionId).map(col -> new CollectionAccess(col.world(), col.users()));
    }

    @Override
    @Transactional
    public Optional<ModelAccess> modelAccess(String modelRef) {
        return Jdbc.run(dataSource, "reading the permissions of model " + modelRef, c -> {
            record Row(
                    String collectionRef,
                    boolean overrideWorld,
                    ModelPermissions world,
                    CollectionPermissions collectionWorld) {}
            Optional<Row> found = Jdbc.optional(
                    c,
                    "SELECT m.collection_ref, m.override_world, "
                            + "m.world_can_read, m.world_can_write, m.world_can_remove, m.world_can_manage, "
                            + "mc.world_can_create, mc.world_can_read, mc.world_can_write, mc.world_can_remove, "
                            + "mc.world_can_manage FROM models m JOIN model_collections mc ON mc.id = m.collection_ref "
                            + "WHERE m.id = ?",
                    row -> new Row(
                            row.getString(1),
                            row.getBoolean(2),
                            modelPermissions(row, 3),
                            collectionPermissions(row, 7)),
                    modelRef);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Row row = found.get();
            return Optional.of(new ModelAccess(
                    new ModelPermissionSettings(row.overrideWorld(), row.world(), modelUsers(c, modelRef)),
                    row.collectionWorld(),
                    collectionUsers(c, row.collectionRef())));
        });
    }

    @Override
    @Transactional
    public ModelPermissionSettings changeModelPermissions(
            String modelRef, String domainRef, ModelPermissionChange change) {
        ModelAccess access = modelAccess(modelRef).orElseThrow(() -> new ModelNotFoundException(modelRef));
        ModelPermissionSettings changed = change.applyTo(access.model());
        Jdbc.execute(
                dataSource,
                "changing the permissions of model " + modelRef,
                c -> writeModelPermissions(c, domainRef, modelRef, changed));
        return changed;
    }

    /** Replaces a model's permission settings, in the caller's connection (creation uses it). */
    static void writeModelPermissions(Connection c, String domainRef, String modelRef, ModelPermissionSettings settings)
            throws SQLException {
        if (Jdbc.update(
                        c,
                        "UPDATE models SET override_world = ?, "
                                + "world_can_read = ?, world_can_write = ?, world_can_remove = ?, world_can_manage = ? WHERE id = ?",
                        update -> {
                            update.setBoolean(1, settings.overrideWorld());
                            setModelPermissions(update, 2, settings.world());
                            update.setString(6, modelRef);
                        })
                != 1) {
            throw new ModelNotFoundException(modelRef);
        }
        Jdbc.update(c, "DELETE FROM model_user_permissions WHERE model_ref = ?", modelRef);
        Jdbc.batch(
                c,
                "INSERT INTO model_user_permissions (model_ref, domain_ref, "
                        + "user_type, username, can_read, can_write, can_remove, can_manage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                settings.users().entrySet(),
                (insert, entry) -> {
                    insert.setString(1, modelRef);
                    insert.setString(2, domainRef);
                    insert.setString(3, entry.getKey().type().name());
                    insert.setString(4, entry.getKey().username());
                    setModelPermissions(insert, 5, entry.getValue());
                });
    }

    private static Map<DomainUserId, ModelPermissions> modelUsers(Connection c, String modelRef) throws SQLException {
        Map<DomainUserId, ModelPermissions> users = new LinkedHashMap<>();
        for (Map.Entry<DomainUserId, ModelPermissions> user : Jdbc.list(
                c,
                "SELECT user_type, username, can_read, "
                        + "can_write, can_remove, can_manage FROM model_user_permissions WHERE model_ref = ?",
                row -> Map.entry(userId(row), modelPermissions(row, 3)),
                modelRef)) {
            users.put(user.getKey(), user.getValue());
        }
        return users;
    }

    private static Map<DomainUserId, CollectionPermissions> collectionUsers(Connection c, String collectionRef)
            throws SQLException {
        Map<DomainUserId, CollectionPermissions> users = new LinkedHashMap<>();
        for (Map.Entry<DomainUserId, CollectionPermissions> user : Jdbc.list(
                c,
                "SELECT user_type, username, "
                        + "can_create, can_read, can_write, can_remove, can_manage FROM collection_user_permissions "
                        + "WHERE collection_ref = ?",
                row -> Map.entry(userId(row), collectionPermissions(row, 3)),
                collectionRef)) {
            users.put(user.getKey(), user.getValue());
        }
        return users;
    }

    private static List<ModelCollection> select(Connection c, String domainRef, String collectionId)
            throws SQLException {
        record Row(String ref, String id, String description, CollectionPermissions world, SnapshotPolicy policy) {}
        List<Row> rows = Jdbc.list(
                c,
                "SELECT id, collection_id, description, world_can_create, "
                        + "world_can_read, world_can_write, world_can_remove, world_can_manage, override_snapshot_policy, "
                        + POLICY_COLUMNS + " FROM model_collections WHERE domain_ref = ?"
                        + (collectionId != null ? " AND collection_id = ?" : "") + " ORDER BY collection_id",
                row -> new Row(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        collectionPermissions(row, 4),
                        row.getBoolean(9) ? policy(row, 10) : null),
                collectionId != null ? new Object[] {domainRef, collectionId} : new Object[] {domainRef});
        List<ModelCollection> result = new ArrayList<>();
        for (Row r : rows) {
            result.add(
                    new ModelCollection(r.id(), r.description(), r.world(), collectionUsers(c, r.ref()), r.policy()));
        }
        return result;
    }

    private static String insert(Connection c, String domainRef, ModelCollection collection, Instant now)
            throws SQLException {
        String ref = Ids.newId();
        Jdbc.update(
                c,
                "INSERT INTO model_collections (id, domain_ref, "
                        + "collection_id, description, created_at, world_can_create, world_can_read, world_can_write, "
                        + "world_can_remove, world_can_manage, override_snapshot_policy, " + POLICY_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                insert -> {
                    insert.setString(1, ref);
                    insert.setString(2, domainRef);
                    insert.setString(3, collection.id());
                    insert.setString(4, collection.description());
                    insert.setObject(5, now.atOffset(ZoneOffset.UTC));
                    setCollectionPermissions(insert, 6, collection.world());
                    insert.setBoolean(11, collection.snapshotPolicy() != null);
                    setPolicy(insert, 12, collection.snapshotPolicy());
                });
        replaceCollectionUsers(c, domainRef, ref, collection.users());
        return ref;
    }

    private static void replaceCollectionUsers(
            Connection c, String domainRef, String collectionRef, Map<DomainUserId, CollectionPermissions> users)
            throws SQLException {
        Jdbc.update(c, "DELETE FROM collection_user_permissions WHERE collection_ref = ?", collectionRef);
        if (users.isEmpty()) {
            return;
        }
        Jdbc.batch(
                c,
                "INSERT INTO collection_user_permissions (collection_ref, "
                        + "domain_ref, user_type, username, can_create, can_read, can_write, can_remove, can_manage) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                users.entrySet(),
                (insert, entry) -> {
                    insert.setString(1, collectionRef);
                    insert.setString(2, domainRef);
                    insert.setString(3, entry.getKey().type().name());
                    insert.setString(4, entry.getKey().username());
                    setCollectionPermissions(insert, 5, entry.getValue());
                });
    }

    private static Optional<String> refOf(Connection c, String domainRef, String collectionId) throws SQLException {
        return Jdbc.optional(
                c,
                "SELECT id FROM model_collections WHERE domain_ref = ? AND collection_id = ?",
                row -> row.getString(1),
                domainRef,
                collectionId);
    }
}
