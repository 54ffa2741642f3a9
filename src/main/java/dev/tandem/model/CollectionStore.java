package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import dev.tandem.persistence.Ids;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Durable state of collections (with their permissions and snapshot policy), of models' permissions, and the domain's
 * model settings (collection auto-creation, snapshot policy), in plain JDBC beside {@link ModelStore}: a live model
 * reads them when it loads and when they change.
 */
@ApplicationScoped
public class CollectionStore {

    private static final String POLICY_COLUMNS = "snapshots_enabled, snapshot_trigger_by_version, "
            + "snapshot_max_version_interval, snapshot_limited_by_version, snapshot_min_version_interval, "
            + "snapshot_trigger_by_time, snapshot_max_time_interval_ms, snapshot_limited_by_time, "
            + "snapshot_min_time_interval_ms";

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    /** The domain's model settings. */
    public record DomainModelSettings(boolean autoCreateCollections, SnapshotPolicy snapshotPolicy) {
    }

    @Transactional
    public DomainModelSettings domainSettings(String domainRef) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT auto_create_collections, " + POLICY_COLUMNS
                        + " FROM domains WHERE id = ?")) {
            query.setString(1, domainRef);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new ModelStoreException("no domain " + domainRef, null);
                }
                return new DomainModelSettings(row.getBoolean(1), policy(row, 2));
            }
        } catch (SQLException e) {
            throw new ModelStoreException("reading the model settings of domain " + domainRef, e);
        }
    }

    /** Sets the domain's snapshot policy. */
    @Transactional
    public void setDomainSnapshotPolicy(String domainRef, SnapshotPolicy policy) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE domains SET snapshots_enabled = ?, "
                        + "snapshot_trigger_by_version = ?, snapshot_max_version_interval = ?, "
                        + "snapshot_limited_by_version = ?, snapshot_min_version_interval = ?, "
                        + "snapshot_trigger_by_time = ?, snapshot_max_time_interval_ms = ?, "
                        + "snapshot_limited_by_time = ?, snapshot_min_time_interval_ms = ? WHERE id = ?")) {
            setPolicy(update, 1, policy);
            update.setString(10, domainRef);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new ModelStoreException("setting the snapshot policy of domain " + domainRef, e);
        }
    }

    /** Sets whether creating a model in a missing collection creates the collection. */
    @Transactional
    public void setAutoCreateCollections(String domainRef, boolean autoCreate) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE domains SET auto_create_collections = ? WHERE id = ?")) {
            update.setBoolean(1, autoCreate);
            update.setString(2, domainRef);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new ModelStoreException("setting collection auto-creation of domain " + domainRef, e);
        }
    }

    @Transactional
    public Optional<ModelCollection> find(String domainRef, String collectionId) {
        try (Connection c = dataSource.getConnection()) {
            List<ModelCollection> found = select(c, domainRef, collectionId);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (SQLException e) {
            throw new ModelStoreException("reading collection " + collectionId, e);
        }
    }

    /** Every collection of the domain, by id. */
    @Transactional
    public List<ModelCollection> list(String domainRef) {
        try (Connection c = dataSource.getConnection()) {
            return select(c, domainRef, null);
        } catch (SQLException e) {
            throw new ModelStoreException("listing the collections of " + domainRef, e);
        }
    }

    /** Creates a collection; false if the domain has one with that id. */
    @Transactional
    public boolean create(String domainRef, ModelCollection collection) {
        try (Connection c = dataSource.getConnection()) {
            if (refOf(c, domainRef, collection.id()).isPresent()) {
                return false;
            }
            insert(c, domainRef, collection, Instant.now());
            return true;
        } catch (SQLException e) {
            throw new ModelStoreException("creating collection " + collection.id(), e);
        }
    }

    /** Replaces a collection's description, permissions and snapshot policy; false if it does not exist. */
    @Transactional
    public boolean update(String domainRef, ModelCollection collection) {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> ref = refOf(c, domainRef, collection.id());
            if (ref.isEmpty()) {
                return false;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE model_collections SET description = ?, "
                    + "world_can_create = ?, world_can_read = ?, world_can_write = ?, world_can_remove = ?, "
                    + "world_can_manage = ?, override_snapshot_policy = ?, snapshots_enabled = ?, "
                    + "snapshot_trigger_by_version = ?, snapshot_max_version_interval = ?, "
                    + "snapshot_limited_by_version = ?, snapshot_min_version_interval = ?, "
                    + "snapshot_trigger_by_time = ?, snapshot_max_time_interval_ms = ?, "
                    + "snapshot_limited_by_time = ?, snapshot_min_time_interval_ms = ? WHERE id = ?")) {
                update.setString(1, collection.description());
                setCollectionPermissions(update, 2, collection.world());
                update.setBoolean(7, collection.snapshotPolicy() != null);
                setPolicy(update, 8, collection.snapshotPolicy());
                update.setString(17, ref.get());
                update.executeUpdate();
            }
            replaceCollectionUsers(c, domainRef, ref.get(), collection.users());
            return true;
        } catch (SQLException e) {
            throw new ModelStoreException("updating collection " + collection.id(), e);
        }
    }

    /** The ids of the models in a collection. */
    @Transactional
    public List<String> modelIds(String domainRef, String collectionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT m.model_id FROM models m JOIN model_collections "
                        + "mc ON mc.id = m.collection_ref WHERE mc.domain_ref = ? AND mc.collection_id = ? "
                        + "ORDER BY m.model_id")) {
            query.setString(1, domainRef);
            query.setString(2, collectionId);
            List<String> ids = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new ModelStoreException("listing the models of collection " + collectionId, e);
        }
    }

    /** How many models each collection of the domain holds, by collection id (collections without models: absent). */
    @Transactional
    public Map<String, Integer> modelCounts(String domainRef) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT mc.collection_id, COUNT(*) FROM models m "
                        + "JOIN model_collections mc ON mc.id = m.collection_ref WHERE mc.domain_ref = ? "
                        + "GROUP BY mc.collection_id")) {
            query.setString(1, domainRef);
            Map<String, Integer> counts = new LinkedHashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getString(1), row.getInt(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new ModelStoreException("counting the models of " + domainRef, e);
        }
    }

    /** Deletes an empty collection; false if it does not exist. */
    @Transactional
    public boolean delete(String domainRef, String collectionId) {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> ref = refOf(c, domainRef, collectionId);
            if (ref.isEmpty()) {
                return false;
            }
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM collection_user_permissions WHERE collection_ref = ?")) {
                delete.setString(1, ref.get());
                delete.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM model_collections WHERE id = ?")) {
                delete.setString(1, ref.get());
                return delete.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new ModelStoreException("deleting collection " + collectionId, e);
        }
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
        try (PreparedStatement query = c.prepareStatement(
                "SELECT auto_create_collections FROM domains WHERE id = ?")) {
            query.setString(1, domainRef);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || !row.getBoolean(1)) {
                    throw new CollectionNotFoundException(collectionId);
                }
            }
        }
        return insert(c, domainRef, ModelCollection.autoCreated(collectionId), now);
    }

    /** What decides who may create a model in a collection; empty if there is no such collection. */
    @Transactional
    public Optional<CollectionAccess> collectionAccess(String domainRef, String collectionId) {
        return find(domainRef, collectionId).map(col -> new CollectionAccess(col.world(), col.users()));
    }

    /** A collection's permissions. */
    public record CollectionAccess(CollectionPermissions world, Map<DomainUserId, CollectionPermissions> users) {
    }

    /** Everything that decides who may do what with a model; empty if it does not exist. */
    @Transactional
    public Optional<ModelAccess> modelAccess(String modelRef) {
        try (Connection c = dataSource.getConnection()) {
            String collectionRef;
            boolean overrideWorld;
            ModelPermissions world;
            CollectionPermissions collectionWorld;
            try (PreparedStatement query = c.prepareStatement("SELECT m.collection_ref, m.override_world, "
                    + "m.world_can_read, m.world_can_write, m.world_can_remove, m.world_can_manage, "
                    + "mc.world_can_create, mc.world_can_read, mc.world_can_write, mc.world_can_remove, "
                    + "mc.world_can_manage FROM models m JOIN model_collections mc ON mc.id = m.collection_ref "
                    + "WHERE m.id = ?")) {
                query.setString(1, modelRef);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    collectionRef = row.getString(1);
                    overrideWorld = row.getBoolean(2);
                    world = modelPermissions(row, 3);
                    collectionWorld = collectionPermissions(row, 7);
                }
            }
            return Optional.of(new ModelAccess(
                    new ModelPermissionSettings(overrideWorld, world, modelUsers(c, modelRef)),
                    collectionWorld, collectionUsers(c, collectionRef)));
        } catch (SQLException e) {
            throw new ModelStoreException("reading the permissions of model " + modelRef, e);
        }
    }

    /** Changes a model's permission settings and returns them as they are now. */
    @Transactional
    public ModelPermissionSettings changeModelPermissions(String modelRef, String domainRef,
            ModelPermissionChange change) {
        ModelAccess access = modelAccess(modelRef).orElseThrow(() -> new ModelNotFoundException(modelRef));
        ModelPermissionSettings changed = change.applyTo(access.model());
        try (Connection c = dataSource.getConnection()) {
            writeModelPermissions(c, domainRef, modelRef, changed);
        } catch (SQLException e) {
            throw new ModelStoreException("changing the permissions of model " + modelRef, e);
        }
        return changed;
    }

    /** Replaces a model's permission settings, in the caller's connection (creation uses it). */
    static void writeModelPermissions(Connection c, String domainRef, String modelRef,
            ModelPermissionSettings settings) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE models SET override_world = ?, "
                + "world_can_read = ?, world_can_write = ?, world_can_remove = ?, world_can_manage = ? WHERE id = ?")) {
            update.setBoolean(1, settings.overrideWorld());
            setModelPermissions(update, 2, settings.world());
            update.setString(6, modelRef);
            if (update.executeUpdate() != 1) {
                throw new ModelNotFoundException(modelRef);
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM model_user_permissions WHERE model_ref = ?")) {
            delete.setString(1, modelRef);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_user_permissions (model_ref, domain_ref, "
                + "user_type, username, can_read, can_write, can_remove, can_manage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<DomainUserId, ModelPermissions> entry : settings.users().entrySet()) {
                insert.setString(1, modelRef);
                insert.setString(2, domainRef);
                insert.setString(3, entry.getKey().type().name());
                insert.setString(4, entry.getKey().username());
                setModelPermissions(insert, 5, entry.getValue());
                insert.addBatch();
            }
            if (!settings.users().isEmpty()) {
                insert.executeBatch();
            }
        }
    }

    private static Map<DomainUserId, ModelPermissions> modelUsers(Connection c, String modelRef) throws SQLException {
        Map<DomainUserId, ModelPermissions> users = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT user_type, username, can_read, can_write, "
                + "can_remove, can_manage FROM model_user_permissions WHERE model_ref = ?")) {
            query.setString(1, modelRef);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    users.put(userId(row), modelPermissions(row, 3));
                }
            }
        }
        return users;
    }

    private static Map<DomainUserId, CollectionPermissions> collectionUsers(Connection c, String collectionRef)
            throws SQLException {
        Map<DomainUserId, CollectionPermissions> users = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT user_type, username, can_create, can_read, "
                + "can_write, can_remove, can_manage FROM collection_user_permissions WHERE collection_ref = ?")) {
            query.setString(1, collectionRef);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    users.put(userId(row), collectionPermissions(row, 3));
                }
            }
        }
        return users;
    }

    private static List<ModelCollection> select(Connection c, String domainRef, String collectionId)
            throws SQLException {
        List<ModelCollection> result = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT id, collection_id, description, world_can_create, "
                + "world_can_read, world_can_write, world_can_remove, world_can_manage, override_snapshot_policy, "
                + POLICY_COLUMNS + " FROM model_collections WHERE domain_ref = ?"
                + (collectionId != null ? " AND collection_id = ?" : "") + " ORDER BY collection_id")) {
            query.setString(1, domainRef);
            if (collectionId != null) {
                query.setString(2, collectionId);
            }
            List<String> refs = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    refs.add(row.getString(1));
                    rows.add(new Object[] {row.getString(2), row.getString(3), collectionPermissions(row, 4),
                            row.getBoolean(9) ? policy(row, 10) : null});
                }
            }
            for (int i = 0; i < refs.size(); i++) {
                Object[] r = rows.get(i);
                result.add(new ModelCollection((String) r[0], (String) r[1], (CollectionPermissions) r[2],
                        collectionUsers(c, refs.get(i)), (SnapshotPolicy) r[3]));
            }
        }
        return result;
    }

    private static String insert(Connection c, String domainRef, ModelCollection collection, Instant now)
            throws SQLException {
        String ref = Ids.newId();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_collections (id, domain_ref, "
                + "collection_id, description, created_at, world_can_create, world_can_read, world_can_write, "
                + "world_can_remove, world_can_manage, override_snapshot_policy, " + POLICY_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, ref);
            insert.setString(2, domainRef);
            insert.setString(3, collection.id());
            insert.setString(4, collection.description());
            insert.setObject(5, now.atOffset(ZoneOffset.UTC));
            setCollectionPermissions(insert, 6, collection.world());
            insert.setBoolean(11, collection.snapshotPolicy() != null);
            setPolicy(insert, 12, collection.snapshotPolicy());
            insert.executeUpdate();
        }
        replaceCollectionUsers(c, domainRef, ref, collection.users());
        return ref;
    }

    private static void replaceCollectionUsers(Connection c, String domainRef, String collectionRef,
            Map<DomainUserId, CollectionPermissions> users) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM collection_user_permissions WHERE collection_ref = ?")) {
            delete.setString(1, collectionRef);
            delete.executeUpdate();
        }
        if (users.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO collection_user_permissions (collection_ref, "
                + "domain_ref, user_type, username, can_create, can_read, can_write, can_remove, can_manage) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<DomainUserId, CollectionPermissions> entry : users.entrySet()) {
                insert.setString(1, collectionRef);
                insert.setString(2, domainRef);
                insert.setString(3, entry.getKey().type().name());
                insert.setString(4, entry.getKey().username());
                setCollectionPermissions(insert, 5, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Optional<String> refOf(Connection c, String domainRef, String collectionId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id FROM model_collections WHERE domain_ref = ? AND collection_id = ?")) {
            query.setString(1, domainRef);
            query.setString(2, collectionId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static DomainUserId userId(ResultSet row) throws SQLException {
        return new DomainUserId(UserType.valueOf(row.getString(1)), row.getString(2));
    }

    private static ModelPermissions modelPermissions(ResultSet row, int first) throws SQLException {
        return new ModelPermissions(row.getBoolean(first), row.getBoolean(first + 1), row.getBoolean(first + 2),
                row.getBoolean(first + 3));
    }

    private static CollectionPermissions collectionPermissions(ResultSet row, int first) throws SQLException {
        return new CollectionPermissions(row.getBoolean(first), row.getBoolean(first + 1), row.getBoolean(first + 2),
                row.getBoolean(first + 3), row.getBoolean(first + 4));
    }

    private static void setModelPermissions(PreparedStatement s, int first, ModelPermissions p) throws SQLException {
        s.setBoolean(first, p.read());
        s.setBoolean(first + 1, p.write());
        s.setBoolean(first + 2, p.remove());
        s.setBoolean(first + 3, p.manage());
    }

    private static void setCollectionPermissions(PreparedStatement s, int first, CollectionPermissions p)
            throws SQLException {
        s.setBoolean(first, p.create());
        s.setBoolean(first + 1, p.read());
        s.setBoolean(first + 2, p.write());
        s.setBoolean(first + 3, p.remove());
        s.setBoolean(first + 4, p.manage());
    }

    private static SnapshotPolicy policy(ResultSet row, int first) throws SQLException {
        return new SnapshotPolicy(row.getBoolean(first), row.getBoolean(first + 1), row.getLong(first + 2),
                row.getBoolean(first + 3), row.getLong(first + 4), row.getBoolean(first + 5),
                Duration.ofMillis(row.getLong(first + 6)), row.getBoolean(first + 7),
                Duration.ofMillis(row.getLong(first + 8)));
    }

    /** Nine columns from {@code first}; all null for a collection without its own policy. */
    private static void setPolicy(PreparedStatement s, int first, SnapshotPolicy p) throws SQLException {
        if (p == null) {
            int[] types = {java.sql.Types.BOOLEAN, java.sql.Types.BOOLEAN, java.sql.Types.BIGINT,
                java.sql.Types.BOOLEAN, java.sql.Types.BIGINT, java.sql.Types.BOOLEAN, java.sql.Types.BIGINT,
                java.sql.Types.BOOLEAN, java.sql.Types.BIGINT};
            for (int i = 0; i < types.length; i++) {
                s.setNull(first + i, types[i]);
            }
            return;
        }
        s.setBoolean(first, p.snapshotsEnabled());
        s.setBoolean(first + 1, p.triggerByVersion());
        s.setLong(first + 2, p.maximumVersionInterval());
        s.setBoolean(first + 3, p.limitedByVersion());
        s.setLong(first + 4, p.minimumVersionInterval());
        s.setBoolean(first + 5, p.triggerByTime());
        s.setLong(first + 6, p.maximumTimeInterval().toMillis());
        s.setBoolean(first + 7, p.limitedByTime());
        s.setLong(first + 8, p.minimumTimeInterval().toMillis());
    }
}
