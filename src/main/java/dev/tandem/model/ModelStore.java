package dev.tandem.model;

import static java.util.stream.Collectors.toSet;

import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.persistence.DatabaseSchema;
import dev.tandem.persistence.Ids;
import dev.tandem.persistence.LocalTransaction;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Durable state of models: the model rows, their snapshots and their operation log, in plain JDBC because the log is
 * the hot path (one row per group commit) and its rows are never navigated as objects.
 *
 * <p>The log has two parts: {@link #appendGroup} writes each group commit as one row of {@code model_log}, and
 * {@link #fileLog} later moves those rows into the per-model {@code model_operations}. The readers here see filed
 * operations only; {@link OperationLog#flush()} files everything acknowledged so far, and whoever reads a model's
 * operations calls it first.
 *
 * <p>Every method runs in one transaction: a JTA transaction, except {@link #appendGroup} and {@link #fileLog}, which
 * commit their own on the log's data source. {@link #appendGroup} is one transaction for the batches of many models,
 * which is what makes group commit durable and cheap at once.
 */
@ApplicationScoped
public class ModelStore {

    private static final String INSERT_OPERATION = "INSERT INTO model_operations (model_ref, version, domain_ref, "
            + "session_id, committed_at, operation, applied) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ROUND = "INSERT INTO model_log (round) VALUES (?)";
    // The version lives in a narrow row of its own (V8__model_versions.sql): every group commit moves it, from the
    // version just before the batch only.
    private static final String MOVE_VERSION =
            "UPDATE model_versions SET version = ?, modified_at = ? " + "WHERE model_ref = ? AND version = ?";
    /**
     * Rounds read per filing transaction at most (each has up to {@link OperationLog#MAX_ROWS_PER_ROUND} rows); the
     * operations asked for are the real limit. Until issue 19 this was 64: at 3,500 operations/s over 100 models a
     * round holds about 5 operations, so a filing took about 300 operations (3 per model, for which a leaf of each
     * model's log was copied), fell behind the timer and then ran back to back with the rounds.
     */
    private static final int FILE_ROUNDS = 8192;

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    /**
     * The same database outside JTA: {@link #appendGroup} and {@link #fileLog} commit their own transactions on it
     * ({@link LocalTransaction}). In a JTA transaction on the models' managed threads, Payara sometimes handed out a
     * connection it had not enlisted, so a round's statements committed one by one (not atomic, and a disk write
     * each: half the node's throughput in those runs).
     */
    @Resource(lookup = DatabaseSchema.LOG_DATA_SOURCE)
    DataSource logDataSource;

    /**
     * The log's data source ({@link #logDataSource}), for what runs beside the log on the same database (the H2 file's
     * compaction). A method, not the field: callers hold the container's proxy, whose fields are not the bean's.
     */
    public DataSource logDataSource() {
        return logDataSource;
    }

    /** A model's row as loaded. */
    public record StoredModel(
            String ref,
            String domainRef,
            String modelId,
            String collectionId,
            long version,
            Instant createdAt,
            Instant modifiedAt) {}

    /** A snapshot: the data at a version. */
    public record Snapshot(long version, Instant modifiedAt, ObjectValue data) {}

    /** One logged operation; {@code version} is the version it produced. */
    public record LoggedOperation(
            long version, String sessionId, Instant committedAt, Operation operation, String appliedJson) {}

    /** What to append for one committed operation. */
    public record NewOperation(
            long version, String sessionId, Instant committedAt, String operationJson, String appliedJson) {}

    /**
     * Creates a model at version 1 with its first snapshot, leaving its permissions to its collection, and creating
     * the collection if it does not exist yet and the domain allows that.
     *
     * @return the stored model, or empty if a model with that id exists in the domain
     * @throws CollectionNotFoundException if the collection is missing and the domain does not create collections
     */
    public Optional<StoredModel> create(
            String domainRef, String collectionId, String modelId, ObjectValue data, Instant now) {
        return create(domainRef, collectionId, modelId, data, now, ModelPermissionSettings.NOT_OVERRIDDEN);
    }

    /** Like {@link #create(String, String, String, ObjectValue, Instant)}, with the model's permission settings. */
    @Transactional
    public Optional<StoredModel> create(
            String domainRef,
            String collectionId,
            String modelId,
            ObjectValue data,
            Instant now,
            ModelPermissionSettings permissions) {
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
                return Optional.of(new StoredModel(
                        row.getString(1),
                        domainRef,
                        modelId,
                        row.getString(5),
                        row.getLong(2),
                        instant(row, 3),
                        instant(row, 4)));
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(sql)) {
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
                    models.add(new StoredModel(
                            row.getString(1),
                            domainRef,
                            row.getString(2),
                            row.getString(6),
                            row.getLong(3),
                            instant(row, 4),
                            instant(row, 5)));
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
                return new Snapshot(
                        row.getLong(1), instant(row, 2), (ObjectValue) ModelJson.readValue(row.getString(3)));
            }
        } catch (SQLException e) {
            throw new ModelStoreException("reading the snapshot of " + modelRef, e);
        }
    }

    /** The operations that produced versions after {@code afterVersion}, in order. */
    @Transactional
    public List<LoggedOperation> operationsAfter(String modelRef, long afterVersion) {
        return operationsBetween(modelRef, afterVersion, Long.MAX_VALUE);
    }

    /** The operations that produced versions after {@code afterVersion} up to {@code lastVersion}, in order. */
    @Transactional
    public List<LoggedOperation> operationsBetween(String modelRef, long afterVersion, long lastVersion) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT version, session_id, committed_at, operation, "
                        + "applied FROM model_operations WHERE model_ref = ? AND version > ? AND version <= ? "
                        + "ORDER BY version")) {
            query.setString(1, modelRef);
            query.setLong(2, afterVersion);
            query.setLong(3, lastVersion);
            List<LoggedOperation> operations = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    operations.add(new LoggedOperation(
                            row.getLong(1),
                            row.getString(2),
                            instant(row, 3),
                            ModelJson.readOperation(row.getString(4)),
                            row.getString(5)));
                }
            }
            return operations;
        } catch (SQLException e) {
            throw new ModelStoreException("reading the operations of " + modelRef, e);
        }
    }

    /** One logged operation as history shows it: what it changed, with the values it replaced. */
    public record HistoryEntry(long version, String sessionId, Instant committedAt, String appliedJson) {}

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
                    entries.add(new HistoryEntry(row.getLong(1), row.getString(2), instant(row, 3), row.getString(4)));
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
                PreparedStatement query = c.prepareStatement(
                        "SELECT MAX(version) FROM model_operations " + "WHERE model_ref = ? AND committed_at < ?")) {
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
     * Whether a connection taken in a JTA transaction on the calling thread is enlisted in it: an enlisted connection
     * is out of auto-commit mode until the transaction ends. (The container decides per thread context; see
     * {@code ModelService#checkTransactionsEnlistConnections}.)
     */
    @Transactional
    public boolean transactionsEnlistConnections() {
        try (Connection c = dataSource.getConnection()) {
            return !c.getAutoCommit();
        } catch (SQLException e) {
            throw new ModelStoreException("checking a connection's transaction mode", e);
        }
    }

    /**
     * Appends the batches of one or more models (each in version order) and moves each model to its batch's last
     * version, in one transaction (see {@link OperationLog}): all of them are durable when this returns, or none is,
     * and nothing of them is acknowledged before. The batches go into {@code model_log} as one row;
     * {@link #fileLog} moves them into the per-model log later.
     *
     * <p>A model moves only from the version just before its batch: a model that is gone, or whose log does not end
     * where the batch begins, fails the whole group, so the log of a model never has a gap or two operations at one
     * version (which is what lets filing insert the rows without ever being refused).
     *
     * @throws ModelStoreException if a batch is not in consecutive versions or a model is gone or elsewhere
     */
    public void appendGroup(List<OperationLog.Append> batches) {
        for (OperationLog.Append batch : batches) {
            List<NewOperation> ops = batch.operations();
            for (int i = 1; i < ops.size(); i++) {
                if (ops.get(i).version() != ops.get(i - 1).version() + 1) {
                    throw new ModelStoreException(
                            "the batch of " + batch.modelRef() + " goes from version "
                                    + ops.get(i - 1).version() + " to "
                                    + ops.get(i).version(),
                            null);
                }
            }
        }
        try {
            LocalTransaction.run(logDataSource, c -> {
                appendGroup(c, batches);
                return null;
            });
        } catch (SQLException e) {
            throw new ModelStoreException("appending the operations of " + batches.size() + " models", e);
        }
    }

    private static void appendGroup(Connection c, List<OperationLog.Append> batches) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(MOVE_VERSION)) {
            for (OperationLog.Append batch : batches) {
                NewOperation last = batch.operations().get(batch.operations().size() - 1);
                update.setLong(1, last.version());
                update.setObject(2, utc(last.committedAt()));
                update.setString(3, batch.modelRef());
                update.setLong(4, batch.operations().get(0).version() - 1);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                // SUCCESS_NO_INFO (-2) is a driver's "done, count unknown"; only a known 0 means a missing row.
                if (counts[i] == 0) {
                    OperationLog.Append batch = batches.get(i);
                    throw new ModelStoreException(
                            "model " + batch.modelRef() + " is gone or not at version "
                                    + (batch.operations().get(0).version() - 1),
                            null);
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_ROUND)) {
            insert.setBytes(1, LogRound.encode(batches));
            insert.executeUpdate();
        }
    }

    /**
     * What one call of {@link #fileLog} did: rounds taken off {@code model_log}, operations in them, and whether it
     * took every round there was when it looked.
     */
    public record Filed(int rounds, long operations, boolean drained) {
        static final Filed NOTHING = new Filed(0, 0, true);
    }

    /**
     * Files the oldest rounds of {@code model_log} into {@code model_operations}, sorted by model and version, in one
     * transaction of its own: rounds until at least {@code maxOperations} operations are taken (or none are left).
     * Operations of a model deleted since are dropped with their round.
     *
     * <p>Filing many rounds at once is the point: each model's rows then go into the (model_ref, version) index
     * side by side, where one round at a time put one or two rows into each of hundreds of pages.
     */
    public Filed fileLog(int maxOperations) {
        return fileLog(maxOperations, false);
    }

    /**
     * Like {@link #fileLog(int)}; with {@code replace}, each model's version range is cleared before it is inserted,
     * so that rounds of which an interrupted filing left a part are filed whole instead of being refused (as a unique
     * violation) forever. Not the default: it adds a range delete per model to every filing.
     */
    public Filed fileLog(int maxOperations, boolean replace) {
        try {
            return LocalTransaction.run(logDataSource, c -> fileLog(c, maxOperations, replace));
        } catch (SQLException e) {
            throw new ModelStoreException("filing the operation log", e);
        }
    }

    private static Filed fileLog(Connection c, int maxOperations, boolean replace) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        List<LogRound.Batch> batches = new ArrayList<>();
        long operations = 0;
        boolean more = false;
        try (PreparedStatement query = c.prepareStatement(
                        "SELECT seq, round FROM model_log ORDER BY seq FETCH FIRST " + FILE_ROUNDS + " ROWS ONLY");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                if (operations >= maxOperations) {
                    more = true;
                    break;
                }
                seqs.add(row.getLong(1));
                for (LogRound.Batch batch : LogRound.decode(row.getBytes(2))) {
                    batches.add(batch);
                    operations += batch.operations().size();
                }
            }
        }
        if (seqs.isEmpty()) {
            return Filed.NOTHING;
        }
        Set<String> live =
                existingModels(c, batches.stream().map(LogRound.Batch::modelRef).collect(toSet()));
        batches.sort(Comparator.comparing(LogRound.Batch::modelRef)
                .thenComparingLong(b -> b.operations().get(0).version()));
        if (replace) {
            clearRanges(c, batches, live);
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_OPERATION)) {
            int pending = 0;
            for (LogRound.Batch batch : batches) {
                if (!live.contains(batch.modelRef())) {
                    continue;
                }
                for (NewOperation op : batch.operations()) {
                    bindOperation(insert, batch.modelRef(), batch.domainRef(), op);
                    insert.addBatch();
                    if (++pending == 1000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM model_log WHERE seq = ?")) {
            // Each by its own key: a round with a lower seq may commit after one with a higher seq was read.
            for (long seq : seqs) {
                delete.setLong(1, seq);
                delete.addBatch();
            }
            delete.executeBatch();
        }
        return new Filed(seqs.size(), operations, !more && seqs.size() < FILE_ROUNDS);
    }

    /** Deletes what is logged of each model's version range in {@code batches} (sorted by model, then version). */
    private static void clearRanges(Connection c, List<LogRound.Batch> batches, Set<String> live) throws SQLException {
        try (PreparedStatement clear = c.prepareStatement(
                "DELETE FROM model_operations WHERE model_ref = ? AND version >= ? AND version <= ?")) {
            int from = 0;
            while (from < batches.size()) {
                String modelRef = batches.get(from).modelRef();
                int to = from;
                while (to + 1 < batches.size() && batches.get(to + 1).modelRef().equals(modelRef)) {
                    to++;
                }
                if (live.contains(modelRef)) {
                    List<NewOperation> last = batches.get(to).operations();
                    clear.setString(1, modelRef);
                    clear.setLong(2, batches.get(from).operations().get(0).version());
                    clear.setLong(3, last.get(last.size() - 1).version());
                    clear.addBatch();
                }
                from = to + 1;
            }
            clear.executeBatch();
        }
    }

    private static Set<String> existingModels(Connection c, Set<String> refs) throws SQLException {
        Set<String> existing = new HashSet<>();
        List<String> all = new ArrayList<>(refs);
        for (int from = 0; from < all.size(); from += 100) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 100));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement query = c.prepareStatement("SELECT id FROM models WHERE id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.setString(i + 1, chunk.get(i));
                }
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        existing.add(row.getString(1));
                    }
                }
            }
        }
        return existing;
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
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE models SET next_prefix = next_prefix + 1 WHERE id = ?")) {
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
        try (PreparedStatement query =
                c.prepareStatement("SELECT id FROM models WHERE domain_ref = ? AND model_id = ?")) {
            query.setString(1, domainRef);
            query.setString(2, modelId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static void writeSnapshot(
            Connection c, String modelRef, String domainRef, long version, Instant modifiedAt, String json)
            throws SQLException {
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
