package dev.tandem.model;

import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.persistence.Ids;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Durable state of models: the model rows, their snapshots and their operation log, in plain JDBC because the log is
 * the hot path (one batched insert per group commit) and its rows are never navigated as objects.
 *
 * <p>Every method runs in a JTA transaction; {@link #appendGroup} is one transaction for the batches of many models,
 * which is what makes group commit durable and cheap at once.
 */
@ApplicationScoped
public class ModelStore {

    private static final String INSERT_OPERATION = "INSERT INTO model_operations (model_ref, version, domain_ref, "
            + "session_id, committed_at, operation, applied) VALUES (?, ?, ?, ?, ?, ?, ?)";
    // The version lives in a narrow row of its own (V8__model_versions.sql): every group commit moves it.
    private static final String UPDATE_VERSION = "UPDATE model_versions SET version = ?, modified_at = ? "
            + "WHERE model_ref = ?";

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    /** A model's row as loaded. */
    public record StoredModel(String ref, String domainRef, String modelId, String collectionId, long version,
            Instant createdAt, Instant modifiedAt) {
    }

    /** A snapshot: the data at a version. */
    public record Snapshot(long version, Instant modifiedAt, ObjectValue data) {
    }

    /** One logged operation; {@code version} is the version it produced. */
    public record LoggedOperation(long version, String sessionId, Instant committedAt, Operation operation,
            String appliedJson) {
    }

    /** What to append for one committed operation. */
    public record NewOperation(long version, String sessionId, Instant committedAt, String operationJson,
            String appliedJson) {
    }

    /**
     * Creates a model at version 1 with its first snapshot, leaving its permissions to its collection, and creating
     * the collection if it does not exist yet and the domain allows that.
     *
     * @return the stored model, or empty if a model with that id exists in the domain
     * @throws CollectionNotFoundException if the collection is missing and the domain does not create collections
     */
    public Optional<StoredModel> create(String domainRef, String collectionId, String modelId, ObjectValue data,
            Instant now) {
        return create(domainRef, collectionId, modelId, data, now, ModelPermissionSettings.NOT_OVERRIDDEN);
    }

    /** Like {@link #create(String, String, String, ObjectValue, Instant)}, with the model's permission settings. */
    @Transactional
    public Optional<StoredModel> create(String domainRef, String collectionId, String modelId, ObjectValue data,
            Instant now, ModelPermissionSettings permissions) {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, domainRef, modelId)) {
                return Optional.empty();
            }
            String collectionRef = CollectionStore.ensureCollection(c, domainRef, collectionId, now);
            String ref = Ids.newId();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO models (id, domain_ref, model_id, "
                    + "collection_ref, created_at, next_prefix) VALUES (?, ?, ?, ?, ?, 1)")) {
                insert.setString(1, ref);
                insert.setString(2, domainRef);
                insert.setString(3, modelId);
                insert.setString(4, collectionRef);
                insert.setObject(5, utc(now));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO model_versions (model_ref, version, modified_at) VALUES (?, 1, ?)")) {
                insert.setString(1, ref);
                insert.setObject(2, utc(now));
                insert.executeUpdate();
            }
            writeSnapshot(c, ref, domainRef, 1, now, ModelJson.write(data));
            CollectionStore.writeModelPermissions(c, domainRef, ref, permissions);
            return Optional.of(new StoredModel(ref, domainRef, modelId, collectionId, 1, now, now));
        } catch (SQLException e) {
            throw new ModelStoreException("creating model " + modelId, e);
        }
    }

    /** The model's row, if it exists. */
    @Transactional
    public Optional<StoredModel> find(String domainRef, String modelId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT m.id, v.version, m.created_at, v.modified_at, "
                        + "mc.collection_id FROM models m JOIN model_collections mc ON mc.id = m.collection_ref "
                        + "JOIN model_versions v ON v.model_ref = m.id WHERE m.domain_ref = ? AND m.model_id = ?")) {
            query.setString(1, domainRef);
            query.setString(2, modelId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredModel(row.getString(1), domainRef, modelId, row.getString(5),
                        row.getLong(2), instant(row, 3), instant(row, 4)));
            }
        } catch (SQLException e) {
            throw new ModelStoreException("reading model " + modelId, e);
        }
    }

    /**
     * A page of the domain's models (of one collection, unless {@code collectionId} is null), by id.
     */
    @Transactional
    public List<StoredModel> list(String domainRef, String collectionId, int offset, int limit) {
        String sql = "SELECT m.id, m.model_id, v.version, m.created_at, v.modified_at, mc.collection_id FROM models m "
                + "JOIN model_collections mc ON mc.id = m.collection_ref JOIN model_versions v ON v.model_ref = m.id "
                + "WHERE m.domain_ref = ?"
                + (collectionId == null ? "" : " AND mc.collection_id = ?")
                + " ORDER BY m.model_id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            int i = 1;
            query.setString(i++, domainRef);
            if (collectionId != null) {
                query.setString(i++, collectionId);
            }
            query.setInt(i++, offset);
            query.setInt(i, limit);
            List<StoredModel> models = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    models.add(new StoredModel(row.getString(1), domainRef, row.getString(2), row.getString(6),
                            row.getLong(3), instant(row, 4), instant(row, 5)));
                }
            }
            return models;
        } catch (SQLException e) {
            throw new ModelStoreException("listing the models of " + domainRef, e);
        }
    }

    /** The newest snapshot of a model. */
    @Transactional
    public Snapshot latestSnapshot(String modelRef) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT version, modified_at, data FROM model_snapshots "
                        + "WHERE model_ref = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")) {
            query.setString(1, modelRef);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new ModelStoreException("model " + modelRef + " has no snapshot", null);
                }
                return new Snapshot(row.getLong(1), instant(row, 2),
                        (ObjectValue) ModelJson.readValue(row.getString(3)));
            }
        } catch (SQLException e) {
            throw new ModelStoreException("reading the snapshot of " + modelRef, e);
        }
    }

    /** The operations that produced versions after {@code afterVersion}, in order. */
    @Transactional
    public List<LoggedOperation> operationsAfter(String modelRef, long afterVersion) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT version, session_id, committed_at, operation, "
                        + "applied FROM model_operations WHERE model_ref = ? AND version > ? ORDER BY version")) {
            query.setString(1, modelRef);
            query.setLong(2, afterVersion);
            List<LoggedOperation> operations = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    operations.add(new LoggedOperation(row.getLong(1), row.getString(2),
                            instant(row, 3), ModelJson.readOperation(row.getString(4)),
                            row.getString(5)));
                }
            }
            return operations;
        } catch (SQLException e) {
            throw new ModelStoreException("reading the operations of " + modelRef, e);
        }
    }

    /** One logged operation as history shows it: what it changed, with the values it replaced. */
    public record HistoryEntry(long version, String sessionId, Instant committedAt, String appliedJson) {
    }

    /** The operations that produced the versions {@code first..last} (both included), in order. */
    @Transactional
    public List<HistoryEntry> history(String modelRef, long first, long last) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT version, session_id, committed_at, applied "
                        + "FROM model_operations WHERE model_ref = ? AND version >= ? AND version <= ? "
                        + "ORDER BY version")) {
            query.setString(1, modelRef);
            query.setLong(2, first);
            query.setLong(3, last);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    entries.add(new HistoryEntry(row.getLong(1), row.getString(2), instant(row, 3),
                            row.getString(4)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new ModelStoreException("reading the history of " + modelRef, e);
        }
    }

    /** The version produced by the last operation committed before {@code before}, if there is one. */
    @Transactional
    public Optional<Long> lastVersionBefore(String modelRef, Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT MAX(version) FROM model_operations "
                        + "WHERE model_ref = ? AND committed_at < ?")) {
            query.setString(1, modelRef);
            query.setObject(2, utc(before));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long version = row.getLong(1);
                return row.wasNull() ? Optional.empty() : Optional.of(version);
            }
        } catch (SQLException e) {
            throw new ModelStoreException("finding a version by time of " + modelRef, e);
        }
    }

    /**
     * Appends the batches of one or more models (each in version order) and moves each model to its batch's last
     * version, in one transaction (see {@link OperationLog}): all of them are durable when this returns, or none is,
     * and nothing of them is acknowledged before.
     *
     * @throws ModelStoreException if any row is refused or a model is gone
     */
    @Transactional
    public void appendGroup(List<OperationLog.Append> batches) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(INSERT_OPERATION)) {
                for (OperationLog.Append batch : batches) {
                    for (NewOperation op : batch.operations()) {
                        bindOperation(insert, batch.modelRef(), batch.domainRef(), op);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = c.prepareStatement(UPDATE_VERSION)) {
                for (OperationLog.Append batch : batches) {
                    NewOperation last = batch.operations().get(batch.operations().size() - 1);
                    update.setLong(1, last.version());
                    update.setObject(2, utc(last.committedAt()));
                    update.setString(3, batch.modelRef());
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    // SUCCESS_NO_INFO (-2) is a driver's "done, count unknown"; only a known 0 means a missing row.
                    if (counts[i] == 0) {
                        throw new ModelStoreException("model " + batches.get(i).modelRef() + " is gone", null);
                    }
                }
            }
        } catch (SQLException e) {
            throw new ModelStoreException("appending the operations of " + batches.size() + " models", e);
        }
    }

    private static void bindOperation(PreparedStatement insert, String modelRef, String domainRef, NewOperation op)
            throws SQLException {
        insert.setString(1, modelRef);
        insert.setLong(2, op.version());
        insert.setString(3, domainRef);
        insert.setString(4, op.sessionId());
        insert.setObject(5, utc(op.committedAt()));
        insert.setString(6, op.operationJson());
        insert.setString(7, op.appliedJson());
    }

    /** Stores a snapshot, so that the next load replays fewer operations. */
    @Transactional
    public void snapshot(String modelRef, String domainRef, long version, Instant modifiedAt, ObjectValue data) {
        try (Connection c = dataSource.getConnection()) {
            writeSnapshot(c, modelRef, domainRef, version, modifiedAt, ModelJson.write(data));
        } catch (SQLException e) {
            throw new ModelStoreException("writing a snapshot of " + modelRef, e);
        }
    }

    /** Hands out the next value-id prefix of a model; each call returns a different one, forever. */
    @Transactional
    public long nextValueIdPrefix(String modelRef) {
        try (Connection c = dataSource.getConnection()) {
            // Row lock first (the UPDATE), then read: concurrent callers on other nodes serialize on the row.
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE models SET next_prefix = next_prefix + 1 WHERE id = ?")) {
                update.setString(1, modelRef);
                if (update.executeUpdate() != 1) {
                    throw new ModelStoreException("model " + modelRef + " is gone", null);
                }
            }
            try (PreparedStatement query = c.prepareStatement("SELECT next_prefix FROM models WHERE id = ?")) {
                query.setString(1, modelRef);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1) - 1;
                }
            }
        } catch (SQLException e) {
            throw new ModelStoreException("allocating a value-id prefix for " + modelRef, e);
        }
    }

    /** Deletes a model with its log and snapshots; false if it did not exist. */
    @Transactional
    public boolean delete(String domainRef, String modelId) {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> ref = refOf(c, domainRef, modelId);
            if (ref.isEmpty()) {
                return false;
            }
            for (String table : List.of("model_operations", "model_snapshots")) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE model_ref = ?")) {
                    delete.setString(1, ref.get());
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM models WHERE id = ?")) {
                delete.setString(1, ref.get());
                return delete.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new ModelStoreException("deleting model " + modelId, e);
        }
    }

    private static boolean exists(Connection c, String domainRef, String modelId) throws SQLException {
        return refOf(c, domainRef, modelId).isPresent();
    }

    private static Optional<String> refOf(Connection c, String domainRef, String modelId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id FROM models WHERE domain_ref = ? AND model_id = ?")) {
            query.setString(1, domainRef);
            query.setString(2, modelId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static void writeSnapshot(Connection c, String modelRef, String domainRef, long version,
            Instant modifiedAt, String json) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_snapshots (model_ref, version, "
                + "domain_ref, modified_at, data) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, modelRef);
            insert.setLong(2, version);
            insert.setString(3, domainRef);
            insert.setObject(4, utc(modifiedAt));
            insert.setString(5, json);
            insert.executeUpdate();
        }
    }

    // TIMESTAMP WITH TIME ZONE through OffsetDateTime in UTC: independent of the JVM's default time zone.
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
