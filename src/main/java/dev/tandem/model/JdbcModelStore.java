package dev.tandem.model;

import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.persistence.DatabaseSchema;
import dev.tandem.persistence.Ids;
import dev.tandem.persistence.Jdbc;
import dev.tandem.persistence.LocalTransaction;
import dev.tandem.persistence.StoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link ModelStore} in plain JDBC, because the log is the hot path (one row per group commit) and its rows are
 * never navigated as objects. Statements run through {@link Jdbc}; a failure is a {@link StoreException}. The log's
 * tables are written by {@link JdbcModelLog}.
 *
 * <p>Every method runs in one transaction: a JTA transaction ({@code @Transactional}, so through the container's
 * proxy of this bean), except {@link #appendGroup} and {@link #fileLog}, which commit their own on the log's data
 * source.
 */
@ApplicationScoped
public class JdbcModelStore implements ModelStore {

    private static final String LIST_MODELS = "SELECT m.id, m.model_id, v.version, m.created_at, v.modified_at, "
            + "mc.collection_id FROM models m JOIN model_collections mc ON mc.id = m.collection_ref "
            + "JOIN model_versions v ON v.model_ref = m.id ";

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

    // Whether the database is a server (PostgreSQL), not the embedded H2; null until asked (racing threads find the
    // same answer).
    private volatile Boolean databaseServer;

    /** For CDI. */
    public JdbcModelStore() {}

    /** Outside a container (tests): statements run on connections of these data sources, in auto-commit. */
    public JdbcModelStore(DataSource dataSource, DataSource logDataSource) {
        this.dataSource = dataSource;
        this.logDataSource = logDataSource;
    }

    @Override
    public Optional<StoredModel> create(
            String domainRef, String collectionId, String modelId, ObjectValue data, Instant now) {
        return create(domainRef, collectionId, modelId, data, now, ModelPermissionSettings.NOT_OVERRIDDEN);
    }

    @Override
    @Transactional
    public Optional<StoredModel> create(
            String domainRef,
            String collectionId,
            String modelId,
            ObjectValue data,
            Instant now,
            ModelPermissionSettings permissions) {
        return Jdbc.run(dataSource, "creating model " + modelId, c -> {
            if (refOf(c, domainRef, modelId).isPresent()) {
                return Optional.empty();
            }
            String collectionRef = JdbcCollectionStore.ensureCollection(c, domainRef, collectionId, now);
            String ref = Ids.newId();
            Jdbc.update(
                    c,
                    "INSERT INTO models (id, domain_ref, model_id, collection_ref, created_at, next_prefix) "
                            + "VALUES (?, ?, ?, ?, ?, 1)",
                    ref,
                    domainRef,
                    modelId,
                    collectionRef,
                    utc(now));
            Jdbc.update(
                    c, "INSERT INTO model_versions (model_ref, version, modified_at) VALUES (?, 1, ?)", ref, utc(now));
            writeSnapshot(c, ref, domainRef, 1, now, ModelJson.write(data));
            JdbcCollectionStore.writeModelPermissions(c, domainRef, ref, permissions);
            return Optional.of(new StoredModel(ref, domainRef, modelId, collectionId, 1, now, now));
        });
    }

    @Override
    @Transactional
    public Optional<StoredModel> find(String domainRef, String modelId) {
        return Jdbc.run(
                dataSource,
                "reading model " + modelId,
                c -> Jdbc.optional(
                        c,
                        "SELECT m.id, v.version, m.created_at, v.modified_at, mc.collection_id FROM models m "
                                + "JOIN model_collections mc ON mc.id = m.collection_ref "
                                + "JOIN model_versions v ON v.model_ref = m.id WHERE m.domain_ref = ? AND m.model_id = ?",
                        row -> new StoredModel(
                                row.getString(1),
                                domainRef,
                                modelId,
                                row.getString(5),
                                row.getLong(2),
                                instant(row, 3),
                                instant(row, 4)),
                        domainRef,
                        modelId));
    }

    @Override
    @Transactional
    public List<StoredModel> list(String domainRef, String collectionId, int offset, int limit) {
        String sql = LIST_MODELS + "WHERE m.domain_ref = ?"
                + (collectionId == null ? "" : " AND mc.collection_id = ?")
                + " ORDER BY m.model_id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
        Object[] parameters = collectionId == null
                ? new Object[] {domainRef, offset, limit}
                : new Object[] {domainRef, collectionId, offset, limit};
        return Jdbc.run(
                dataSource,
                "listing the models of " + domainRef,
                c -> Jdbc.list(c, sql, row -> listed(row, domainRef), parameters));
    }

    @Override
    @Transactional
    public Snapshot latestSnapshot(String modelRef) {
        return Jdbc.run(
                        dataSource,
                        "reading the snapshot of " + modelRef,
                        c -> Jdbc.optional(
                                c,
                                "SELECT version, modified_at, data FROM model_snapshots WHERE model_ref = ? "
                                        + "ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
                                row -> new Snapshot(row.getLong(1), instant(row, 2), (ObjectValue)
                                        ModelJson.readValue(row.getString(3))),
                                modelRef))
                .orElseThrow(() -> new StoreException("model " + modelRef + " has no snapshot", null));
    }

    @Override
    @Transactional
    public List<LoggedOperation> operationsAfter(String modelRef, long afterVersion) {
        return operationsBetween(modelRef, afterVersion, Long.MAX_VALUE);
    }

    @Override
    @Transactional
    public List<LoggedOperation> operationsBetween(String modelRef, long afterVersion, long lastVersion) {
        return Jdbc.run(
                dataSource,
                "reading the operations of " + modelRef,
                c -> Jdbc.list(
                        c,
                        "SELECT version, session_id, committed_at, operation, applied FROM model_operations "
                                + "WHERE model_ref = ? AND version > ? AND version <= ? ORDER BY version",
                        row -> new LoggedOperation(
                                row.getLong(1),
                                row.getString(2),
                                instant(row, 3),
                                ModelJson.readOperation(row.getString(4)),
                                row.getString(5)),
                        modelRef,
                        afterVersion,
                        lastVersion));
    }

    @Override
    @Transactional
    public List<HistoryEntry> history(String modelRef, long first, long last) {
        return Jdbc.run(
                dataSource,
                "reading the history of " + modelRef,
                c -> Jdbc.list(
                        c,
                        "SELECT version, session_id, committed_at, applied FROM model_operations "
                                + "WHERE model_ref = ? AND version >= ? AND version <= ? ORDER BY version",
                        row -> new HistoryEntry(row.getLong(1), row.getString(2), instant(row, 3), row.getString(4)),
                        modelRef,
                        first,
                        last));
    }

    @Override
    @Transactional
    public Optional<Long> lastVersionBefore(String modelRef, Instant before) {
        return Jdbc.run(
                dataSource,
                "finding a version by time of " + modelRef,
                c -> Jdbc.optional(
                                c,
                                "SELECT MAX(version) FROM model_operations WHERE model_ref = ? AND committed_at < ?",
                                row -> {
                                    long version = row.getLong(1);
                                    return row.wasNull() ? Optional.<Long>empty() : Optional.of(version);
                                },
                                modelRef,
                                utc(before))
                        .orElseThrow());
    }

    /** An enlisted connection is out of auto-commit mode until the transaction ends. */
    @Override
    @Transactional
    public boolean transactionsEnlistConnections() {
        return Jdbc.run(dataSource, "checking a connection's transaction mode", c -> !c.getAutoCommit());
    }

    @Override
    public void appendGroup(String writerId, List<OperationLog.Append> batches) {
        JdbcModelLog.appendGroup(logDataSource, writerId, databaseServer(), batches);
    }

    @Override
    public void registerWriter(String writerId, String node, boolean alone, Instant now) {
        JdbcModelLog.registerWriter(logDataSource, databaseServer(), writerId, node, alone, now);
    }

    @Override
    public String claimModel(String modelRef, String writerId) {
        return JdbcModelLog.claimModel(logDataSource, databaseServer(), modelRef, writerId);
    }

    @Override
    public void releaseModel(String modelRef, String writerId) {
        JdbcModelLog.releaseModel(logDataSource, modelRef, writerId);
    }

    @Override
    public boolean fenceWriter(String writerId) {
        return JdbcModelLog.fenceWriter(logDataSource, writerId);
    }

    /**
     * Whether the database is a server (PostgreSQL), not the embedded H2, asked once: it takes {@code FOR SHARE} and
     * ends a transaction left idle ({@link JdbcModelLog#IDLE_IN_TRANSACTION}).
     */
    private boolean databaseServer() {
        Boolean known = databaseServer;
        if (known == null) {
            known = Jdbc.run(
                    logDataSource,
                    "reading the database's name",
                    c -> !c.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2"));
            databaseServer = known;
        }
        return known;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Filing many rounds at once is the point: each model's rows then go into the (model_ref, version) index side
     * by side, where one round at a time put one or two rows into each of hundreds of pages.
     */
    @Override
    public Filed fileLog(int maxOperations) {
        return fileLog(maxOperations, false);
    }

    /** {@inheritDoc} Not the default: it adds a range delete per model to every filing. */
    @Override
    public Filed fileLog(int maxOperations, boolean replace) {
        return JdbcModelLog.fileLog(logDataSource, maxOperations, replace, databaseServer());
    }

    @Override
    @Transactional
    public void snapshot(String modelRef, String domainRef, long version, Instant modifiedAt, ObjectValue data) {
        Jdbc.execute(
                dataSource,
                "writing a snapshot of " + modelRef,
                c -> writeSnapshot(c, modelRef, domainRef, version, modifiedAt, ModelJson.write(data)));
    }

    @Override
    @Transactional
    public long nextValueIdPrefix(String modelRef) {
        return Jdbc.run(dataSource, "allocating a value-id prefix for " + modelRef, c -> {
            // Row lock first (the UPDATE), then read: concurrent callers on other nodes serialize on the row.
            if (Jdbc.update(c, "UPDATE models SET next_prefix = next_prefix + 1 WHERE id = ?", modelRef) != 1) {
                throw new StoreException("model " + modelRef + " is gone", null);
            }
            return Jdbc.count(c, "SELECT next_prefix FROM models WHERE id = ?", modelRef) - 1;
        });
    }

    @Override
    @Transactional
    public boolean delete(String domainRef, String modelId) {
        return Jdbc.run(dataSource, "deleting model " + modelId, c -> {
            Optional<String> ref = refOf(c, domainRef, modelId);
            if (ref.isEmpty()) {
                return false;
            }
            for (String table : List.of("model_operations", "model_snapshots")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE model_ref = ?", ref.get());
            }
            return Jdbc.update(c, "DELETE FROM models WHERE id = ?", ref.get()) == 1;
        });
    }

    private static Optional<String> refOf(Connection c, String domainRef, String modelId) throws SQLException {
        return Jdbc.optional(
                c,
                "SELECT id FROM models WHERE domain_ref = ? AND model_id = ?",
                row -> row.getString(1),
                domainRef,
                modelId);
    }

    private static void writeSnapshot(
            Connection c, String modelRef, String domainRef, long version, Instant modifiedAt, String json)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO model_snapshots (model_ref, version, domain_ref, modified_at, data) "
                        + "VALUES (?, ?, ?, ?, ?)",
                modelRef,
                version,
                domainRef,
                utc(modifiedAt),
                json);
    }

    /** A row of {@link #LIST_MODELS}. */
    private static StoredModel listed(ResultSet row, String domainRef) throws SQLException {
        return new StoredModel(
                row.getString(1),
                domainRef,
                row.getString(2),
                row.getString(6),
                row.getLong(3),
                instant(row, 4),
                instant(row, 5));
    }

    // TIMESTAMP WITH TIME ZONE through OffsetDateTime in UTC: independent of the JVM's default time zone.
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
