package dev.tandem.model;

import static java.util.stream.Collectors.toSet;

import dev.tandem.model.ModelStore.Filed;
import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.persistence.Jdbc;
import dev.tandem.persistence.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The operation log's tables in plain JDBC, for {@link JdbcModelStore}: its writers ({@code log_writers}: who may
 * commit rounds), the group commit ({@link #appendGroup}, one {@code model_log} row per round, inserted only while
 * the writer's row is there) and filing ({@link #fileLog}, rounds moved into the per-model {@code model_operations},
 * and each model's version moved). This is the hot path: on PostgreSQL a round is one statement in its own
 * transaction, which is one round trip to the database (three, with a transaction around a read of the fence and the
 * insert: issue 22 measured workload 2 bound by the rounds' latency, not by CPU).
 *
 * <p>All of them commit on the log's data source, outside JTA ({@link #inLogTransaction}, see
 * {@link JdbcModelStore#logDataSource}).
 */
final class JdbcModelLog {

    private static final Logger LOG = Logger.getLogger(JdbcModelLog.class.getName());

    private static final String INSERT_OPERATION = "INSERT INTO model_operations (model_ref, version, domain_ref, "
            + "session_id, committed_at, operation, applied) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /**
     * A round on a database server (PostgreSQL), inserted only while its writer is not fenced: one statement in its
     * own transaction, so a round is one round trip to the database. It takes a share lock on the writer's row, which
     * a takeover's delete of the row waits for ({@link #fenceWriter}), and it waits for a delete in progress, then
     * finds no row: a round commits before the writer is fenced or not at all. Rounds of one writer share the lock, so
     * they still commit side by side.
     */
    static final String APPEND_ROUND_SHARED =
            "INSERT INTO model_log (round) SELECT ? FROM log_writers WHERE writer_id = ? FOR SHARE";
    /**
     * On the embedded H2 (one node only, no share locks, no round trips) a round reads its writer's row, only to refuse
     * a writer fenced at a start, and inserts the round, in one transaction. Measured A B A B at 500 models × 2
     * editors, H2 ran that 8% faster than {@link #APPEND_ROUND_SHARED}'s one statement without the lock.
     */
    private static final String READ_FENCE = "SELECT writer_id FROM log_writers WHERE writer_id = ?";

    private static final String INSERT_ROUND = "INSERT INTO model_log (round) VALUES (?)";
    // The version lives in a narrow row of its own (V8__model_versions.sql): filing moves it, never back.
    private static final String MOVE_VERSION =
            "UPDATE model_versions SET version = ?, modified_at = ? " + "WHERE model_ref = ? AND version < ?";
    /**
     * Rounds read per filing transaction at most (each has up to {@link OperationLog#MAX_ROWS_PER_ROUND} rows); the
     * operations asked for are the real limit. Until issue 19 this was 64: at 3,500 operations/s over 100 models a
     * round holds about 5 operations, so a filing took about 300 operations (3 per model, for which a leaf of each
     * model's log was copied), fell behind the timer and then ran back to back with the rounds.
     */
    private static final int FILE_ROUNDS = 8192;

    /** Operations sent to the database per batch while filing. */
    private static final int INSERTS_PER_BATCH = 1000;

    /**
     * How long a transaction of the log's may sit idle between its statements on a database server before the
     * server ends it. A node that stalls (paused, swapping, cut off) in the middle of a filing or a claim holds row
     * locks that the other nodes' filings and claims wait for, so the nodes that take its models over could not load
     * them until it woke. Ended, its transaction rolls back; nothing in it was acknowledged, and what it was filing
     * stays in the log for the next filing. The cluster's failure timeout is 5 s by default: by the time the others
     * take over, the stalled node's locks are gone or about to be.
     */
    static final Duration IDLE_IN_TRANSACTION = Duration.ofSeconds(5);

    private JdbcModelLog() {}

    /**
     * Runs {@code work} in one local transaction on the log's data source; on a database {@code server} (not the
     * embedded H2) the server ends it if it sits idle longer than {@code idle} between statements.
     */
    static <T> T inLogTransaction(
            DataSource logDataSource, boolean server, Duration idle, String what, Jdbc.Work<T> work) {
        return Jdbc.inTransaction(logDataSource, what, c -> {
            if (server) {
                try (Statement bound = c.createStatement()) {
                    bound.execute("SET LOCAL idle_in_transaction_session_timeout = " + idle.toMillis());
                }
            }
            return work.run(c);
        });
    }

    /**
     * Runs one statement's {@code work} in auto-commit mode: its own transaction, committed by the database with no
     * further round trip, and never left open by a node that stalls.
     */
    private static <T> T autoCommitted(DataSource logDataSource, String what, Jdbc.Work<T> work) {
        return Jdbc.run(logDataSource, what, c -> {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true); // the pool hands connections back in auto-commit mode; this is a guard
            }
            return work.run(c);
        });
    }

    /** See {@link ModelStore#registerWriter}. */
    static void registerWriter(
            DataSource logDataSource, boolean server, String writerId, String node, boolean alone, Instant now) {
        inLogTransaction(logDataSource, server, IDLE_IN_TRANSACTION, "registering the operation log's writer", c -> {
            if (alone) {
                int fenced = Jdbc.update(c, "DELETE FROM log_writers WHERE writer_id <> ?", writerId);
                if (fenced > 0) {
                    LOG.log(Level.INFO, "Fenced {0} earlier writer(s) of the operation log", fenced);
                }
            }
            Jdbc.update(
                    c,
                    "INSERT INTO log_writers (writer_id, node, started_at) VALUES (?, ?, ?)",
                    writerId,
                    node,
                    now.atOffset(ZoneOffset.UTC));
            return null;
        });
    }

    /** See {@link ModelStore#claimModel}. */
    static String claimModel(DataSource logDataSource, boolean server, String modelRef, String writerId) {
        return inLogTransaction(
                logDataSource, server, IDLE_IN_TRANSACTION, "recording the writer of model " + modelRef, c -> {
                    Optional<String> previous = Jdbc.optional(
                            c,
                            "SELECT writer_id FROM model_writers WHERE model_ref = ? FOR UPDATE",
                            row -> row.getString(1),
                            modelRef);
                    if (previous.isEmpty()) {
                        Jdbc.update(
                                c,
                                "INSERT INTO model_writers (model_ref, writer_id) VALUES (?, ?)",
                                modelRef,
                                writerId);
                        return null;
                    }
                    if (previous.get().equals(writerId)) {
                        return null;
                    }
                    // Waits for the rounds of that writer holding its row's share lock, as a takeover's fence does.
                    Jdbc.update(c, "DELETE FROM log_writers WHERE writer_id = ?", previous.get());
                    Jdbc.update(c, "UPDATE model_writers SET writer_id = ? WHERE model_ref = ?", writerId, modelRef);
                    return previous.get();
                });
    }

    /** See {@link ModelStore#releaseModel}. */
    static void releaseModel(DataSource logDataSource, String modelRef, String writerId) {
        autoCommitted(
                logDataSource,
                "clearing the writer of model " + modelRef,
                c -> Jdbc.update(
                        c, "DELETE FROM model_writers WHERE model_ref = ? AND writer_id = ?", modelRef, writerId));
    }

    /** See {@link ModelStore#fenceWriter}. */
    static boolean fenceWriter(DataSource logDataSource, String writerId) {
        return autoCommitted(
                logDataSource,
                "fencing the operation log's writer " + writerId,
                c -> Jdbc.update(c, "DELETE FROM log_writers WHERE writer_id = ?", writerId) > 0);
    }

    /** See {@link ModelStore#appendGroup}; {@code server} for a database server (PostgreSQL), not the embedded H2. */
    static void appendGroup(
            DataSource logDataSource, String writerId, boolean server, List<OperationLog.Append> batches) {
        for (OperationLog.Append batch : batches) {
            List<NewOperation> ops = batch.operations();
            for (int i = 1; i < ops.size(); i++) {
                if (ops.get(i).version() != ops.get(i - 1).version() + 1) {
                    throw new StoreException(
                            "the batch of " + batch.modelRef() + " goes from version "
                                    + ops.get(i - 1).version() + " to "
                                    + ops.get(i).version(),
                            null);
                }
            }
        }
        String what = "appending the operations of " + batches.size() + " models";
        byte[] round = LogRound.encode(batches);
        boolean appended = server
                ? appendOnServer(logDataSource, what, writerId, round)
                : appendEmbedded(logDataSource, what, writerId, round);
        if (!appended) {
            throw new WriterFencedException(writerId);
        }
    }

    /** {@link #APPEND_ROUND_SHARED}: false if the writer is fenced. */
    private static boolean appendOnServer(DataSource logDataSource, String what, String writerId, byte[] round) {
        return autoCommitted(
                        logDataSource,
                        what,
                        c -> Jdbc.update(c, APPEND_ROUND_SHARED, insert -> {
                            insert.setBytes(1, round);
                            insert.setString(2, writerId);
                        }))
                > 0;
    }

    /** {@link #READ_FENCE}, then {@link #INSERT_ROUND}: false if the writer is fenced. */
    private static boolean appendEmbedded(DataSource logDataSource, String what, String writerId, byte[] round) {
        return Jdbc.inTransaction(logDataSource, what, c -> {
            if (Jdbc.optional(c, READ_FENCE, row -> true, writerId).isEmpty()) {
                return false;
            }
            Jdbc.update(c, INSERT_ROUND, insert -> insert.setBytes(1, round));
            return true;
        });
    }

    /** See {@link ModelStore#fileLog(int, boolean)}. */
    static Filed fileLog(DataSource logDataSource, int maxOperations, boolean replace, boolean server) {
        return inLogTransaction(
                logDataSource,
                server,
                IDLE_IN_TRANSACTION,
                "filing the operation log",
                c -> fileLog(c, maxOperations, replace, server));
    }

    /**
     * @param lockRounds whether to lock the rounds it files (where the database has row locks that wait: not H2,
     *     which runs one node): nodes of a cluster file the same log, and one that finds rounds another is filing
     *     waits for that filing's commit, then files what is left, so that what it files includes every round
     *     committed before it started, never half of them
     */
    private static Filed fileLog(Connection c, int maxOperations, boolean replace, boolean lockRounds)
            throws SQLException {
        List<Long> seqs = new ArrayList<>();
        List<LogRound.Batch> batches = new ArrayList<>();
        long operations = 0;
        boolean more = false;
        // Read row by row, not through a row mapper: the rounds past the operations asked for are not even decoded.
        try (PreparedStatement query = c.prepareStatement("SELECT seq, round FROM model_log ORDER BY seq FETCH FIRST "
                        + FILE_ROUNDS + " ROWS ONLY" + (lockRounds ? " FOR UPDATE" : ""));
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
        Map<String, Long> filedVersions =
                existingModels(c, batches.stream().map(LogRound.Batch::modelRef).collect(toSet()));
        Set<String> live = filedVersions.keySet();
        batches.sort(Comparator.comparing(LogRound.Batch::modelRef)
                .thenComparingLong(b -> b.operations().get(0).version()));
        batches = withoutRepeats(batches, replace ? Map.of() : filedVersions);
        if (replace) {
            clearRanges(c, batches, live);
        }
        List<Filing> filings = new ArrayList<>((int) Math.min(operations, Integer.MAX_VALUE));
        for (LogRound.Batch batch : batches) {
            if (live.contains(batch.modelRef())) {
                for (NewOperation op : batch.operations()) {
                    filings.add(new Filing(batch, op));
                }
            }
        }
        Jdbc.batch(c, INSERT_OPERATION, filings, JdbcModelLog::bindOperation, INSERTS_PER_BATCH);
        moveVersions(c, batches, live);
        // Each by its own key: a round with a lower seq may commit after one with a higher seq was read.
        Jdbc.batch(c, "DELETE FROM model_log WHERE seq = ?", seqs, (delete, seq) -> delete.setLong(1, seq));
        return new Filed(seqs.size(), operations, !more && seqs.size() < FILE_ROUNDS);
    }

    /**
     * Moves each filed model's version and modification time to its last filed operation, in the filing's
     * transaction: a model's version row and its filed log always agree ({@code batches} sorted by model, then
     * version).
     */
    private static void moveVersions(Connection c, List<LogRound.Batch> batches, Set<String> live) throws SQLException {
        List<Filing> lasts = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            LogRound.Batch batch = batches.get(i);
            boolean lastOfModel =
                    i + 1 == batches.size() || !batches.get(i + 1).modelRef().equals(batch.modelRef());
            if (lastOfModel && live.contains(batch.modelRef())) {
                lasts.add(new Filing(
                        batch, batch.operations().get(batch.operations().size() - 1)));
            }
        }
        Jdbc.batch(c, MOVE_VERSION, lasts, (update, last) -> {
            update.setLong(1, last.op().version());
            update.setObject(2, last.op().committedAt().atOffset(ZoneOffset.UTC));
            update.setString(3, last.batch().modelRef());
            update.setLong(4, last.op().version());
        });
    }

    /** One operation of a round, on its way into its model's log. */
    private record Filing(LogRound.Batch batch, NewOperation op) {}

    /** A model's version range to clear before filing it again. */
    private record Range(String modelRef, long first, long last) {}

    /** Deletes what is logged of each model's version range in {@code batches} (sorted by model, then version). */
    private static void clearRanges(Connection c, List<LogRound.Batch> batches, Set<String> live) throws SQLException {
        List<Range> ranges = new ArrayList<>();
        int from = 0;
        while (from < batches.size()) {
            String modelRef = batches.get(from).modelRef();
            int to = from;
            while (to + 1 < batches.size() && batches.get(to + 1).modelRef().equals(modelRef)) {
                to++;
            }
            if (live.contains(modelRef)) {
                List<NewOperation> last = batches.get(to).operations();
                ranges.add(new Range(
                        modelRef,
                        batches.get(from).operations().get(0).version(),
                        last.get(last.size() - 1).version()));
            }
            from = to + 1;
        }
        Jdbc.batch(
                c,
                "DELETE FROM model_operations WHERE model_ref = ? AND version >= ? AND version <= ?",
                ranges,
                (clear, range) -> {
                    clear.setString(1, range.modelRef());
                    clear.setLong(2, range.first());
                    clear.setLong(3, range.last());
                });
    }

    /**
     * Each model's operations once: a busy model's rounds may overlap ({@link ModelWriter} hands the log every operation
     * not yet acknowledged in each of its rounds), and a round may commit after another that holds its operations was
     * filed. Keeps, per model, only operations above the version already filed ({@code filedVersions}; empty when
     * filing again what was filed before) and above those kept from earlier batches. Equal versions hold equal
     * operations: one instance of a model writes them, and it is not dropped before all its rounds have ended.
     *
     * @param batches sorted by model, then first version
     * @return batches in the same order, none empty, none overlapping
     */
    static List<LogRound.Batch> withoutRepeats(List<LogRound.Batch> batches, Map<String, Long> filedVersions) {
        List<LogRound.Batch> kept = new ArrayList<>(batches.size());
        String model = null;
        long highest = Long.MIN_VALUE;
        for (LogRound.Batch batch : batches) {
            if (!batch.modelRef().equals(model)) {
                model = batch.modelRef();
                Long filed = filedVersions.get(model);
                highest = filed == null ? Long.MIN_VALUE : filed;
            }
            List<NewOperation> ops = batch.operations();
            if (ops.get(0).version() > highest) {
                kept.add(batch); // the usual case: nothing repeated, nothing copied
            } else {
                long above = highest;
                List<NewOperation> fresh =
                        ops.stream().filter(op -> op.version() > above).toList();
                if (!fresh.isEmpty()) {
                    kept.add(new LogRound.Batch(batch.modelRef(), batch.domainRef(), fresh));
                }
            }
            highest = Math.max(highest, ops.get(ops.size() - 1).version());
        }
        return kept;
    }

    /** The models that still exist among {@code refs}, each with its filed version (null if it has none recorded). */
    private static Map<String, Long> existingModels(Connection c, Set<String> refs) throws SQLException {
        Map<String, Long> existing = new HashMap<>();
        List<String> all = new ArrayList<>(refs);
        for (int from = 0; from < all.size(); from += 100) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 100));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement query = c.prepareStatement("SELECT m.id, v.version FROM models m "
                    + "LEFT JOIN model_versions v ON v.model_ref = m.id WHERE m.id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.setString(i + 1, chunk.get(i));
                }
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        long version = row.getLong(2);
                        existing.put(row.getString(1), row.wasNull() ? null : version);
                    }
                }
            }
        }
        return existing;
    }

    private static void bindOperation(PreparedStatement insert, Filing filing) throws SQLException {
        NewOperation op = filing.op();
        insert.setString(1, filing.batch().modelRef());
        insert.setLong(2, op.version());
        insert.setString(3, filing.batch().domainRef());
        insert.setString(4, op.sessionId());
        insert.setObject(5, op.committedAt().atOffset(ZoneOffset.UTC));
        insert.setString(6, op.operationJson());
        insert.setString(7, op.appliedJson());
    }
}
