package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import dev.tandem.persistence.H2FileCompaction;
import dev.tandem.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executor;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStoreTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file under a storm of edits (issue 19, defect 4): the real operation log (group commits, filing,
 * and what the server runs after filing on H2) on a file database with the real migrations, as the server opens it
 * ({@code WRITE_DELAY=0}). The file must stay within twice the size of the data it holds: the file compacted without
 * free space or dead pages, uncompressed ({@code MVStoreTool.compact(file, false)}).
 *
 * <p>Rounds of 5 models' single operations, as a node at about 3,500 operations/s over 100 models commits them,
 * and the node's once-a-second filing every 3,500 operations. Nothing here depends on time except H2's
 * {@code RETENTION_TIME} (how long after it was written a dead chunk's space waits before H2 reuses it), set to 0:
 * what waits out that time is the writing of the last few seconds (the server's 2 s: tens of megabytes under this
 * load), a constant that a short test would compare with a small database. Before issue 19 this test's file
 * reached about 6 times its data at 140,000 operations, and grew faster than the data.
 *
 * <p>The compaction is timed ({@code H2FileCompaction}: chunks 30 s old), so in this test it runs little: what keeps
 * the file small here is filing whole seconds of rounds, alone; compaction is what keeps it so over hours, and
 * {@code bench/collab/storm.mjs} measures that on the server.
 *
 * <p>System properties for measuring by hand ({@code mvn test -Dtest=OperationLogFileGrowthTest -Dgrowth.ops=...}):
 * {@code growth.ops} (operations), {@code growth.rate} (operations/s to hold, in real time; 0 for as fast as it
 * goes), {@code growth.url} (settings appended to the URL, replacing {@code ;RETENTION_TIME=0}),
 * {@code growth.compaction} and {@code growth.exclusive} (the server's H2 behaviour, each on by default). A line per
 * "second" of operations goes to standard output.
 */
class OperationLogFileGrowthTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MODELS = 100;
    private static final int PER_ROUND = 5;
    private static final int FILE_EVERY = 3500;

    @TempDir
    Path dir;

    @Test
    void fileStaysWithinTwiceItsCompactedSize() throws Exception {
        int operations = Integer.getInteger("growth.ops", 140_000);
        int rate = Integer.getInteger("growth.rate", 0);
        String settings = System.getProperty("growth.url", ";RETENTION_TIME=0");
        boolean compaction = Boolean.parseBoolean(System.getProperty("growth.compaction", "true"));
        boolean exclusive = Boolean.parseBoolean(System.getProperty("growth.exclusive", "true"));

        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("tandem") + ";WRITE_DELAY=0" + settings;
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("tandem");
        h2.setPassword("tandem");
        Path file = dir.resolve("db").resolve("tandem.mv.db");
        long peak;
        long end;
        // One connection held open throughout keeps the database open, as the server's pool does.
        try (Connection keepOpen = h2.getConnection()) {
            TestDatabases.migrate(h2, null);
            exec(keepOpen, "INSERT INTO namespaces (id, display_name, created_at) VALUES ('ns', 'ns', ?)", AT);
            exec(
                    keepOpen,
                    "INSERT INTO domains (id, namespace_id, domain_id, display_name, status, anonymous_auth, "
                            + "reconnect_token_validity_minutes, created_at) VALUES ('d', 'ns', 'd', 'd', 'online', TRUE, 60, ?)",
                    AT);
            exec(
                    keepOpen,
                    "INSERT INTO model_collections (id, domain_ref, collection_id, description, created_at) "
                            + "VALUES ('c-ref', 'd', 'c', '', ?)",
                    AT);
            ModelStore store = new JdbcModelStore(h2, h2);
            List<StoredModel> models = new ArrayList<>();
            for (int i = 0; i < MODELS; i++) {
                models.add(store.create(
                                "d",
                                "c",
                                "storm-" + i,
                                new ObjectValue("0:0", Map.of("text", new StringValue("0:1", ""))),
                                AT)
                        .orElseThrow());
            }
            long[] versions = new long[MODELS];
            java.util.Arrays.fill(versions, 1);

            // The pool runs what the log hands it when the test says so: a round takes every batch queued before it.
            Queue<Runnable> tasks = new ArrayDeque<>();
            Executor pool = tasks::add;
            H2FileCompaction compactor = compaction ? H2FileCompaction.forDatabase(url, h2) : null;
            OperationLog log = new OperationLog(store, pool, 1, false, exclusive, compactor);
            log.start("test", true);

            Random random = new Random(19);
            long started = System.nanoTime();
            peak = 0;
            for (int done = 0; done < operations; ) {
                for (int k = 0; k < PER_ROUND; k++, done++) {
                    int m = (done / PER_ROUND * 7 + k * 20 + random.nextInt(20)) % MODELS; // 5 distinct models
                    StoredModel model = models.get(m);
                    long version = ++versions[m];
                    String op = ModelJson.write(
                            new StringSpliceOperation("0:1", false, random.nextInt((int) version), 0, "x"));
                    log.append(
                            new OperationLog.Append(
                                    model.ref(),
                                    "d",
                                    List.of(new NewOperation(
                                            version, "session-" + (m % 20) + "-of-the-storm", AT, op, op)),
                                    error -> {
                                        if (error != null) {
                                            throw error;
                                        }
                                    }),
                            false);
                }
                run(tasks);
                if (done % FILE_EVERY == 0) {
                    log.fileSoon();
                    run(tasks);
                    long size = Files.size(file);
                    peak = Math.max(peak, size);
                    if (done % (FILE_EVERY * 10) == 0) {
                        System.out.printf(
                                "%8d ops  %7.1f s  file %8.1f MB  %6d B/op  %s%n",
                                done,
                                (System.nanoTime() - started) / 1e9,
                                size / 1e6,
                                size / done,
                                compactor == null
                                        ? ""
                                        : compactor.info().entrySet().stream()
                                                .filter(e -> e.getKey().contains("FILL_RATE")
                                                        || e.getKey().contains("CHUNK_COUNT")
                                                        || e.getKey().contains("WRITE_BYTES"))
                                                .sorted(Map.Entry.comparingByKey())
                                                .toList());
                    }
                    if (rate > 0) {
                        long due = started + (long) (done * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
            }
            log.flush();
            end = Files.size(file);
            peak = Math.max(peak, end);
            try (Statement s = keepOpen.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        // The data as H2 stores it, without free space or dead pages (SHUTDOWN COMPACT would also compress it).
        MVStoreTool.compact(file.toString(), false);
        long logical = Files.size(file);
        System.out.printf(
                "%d operations: file %.1f MB at the end (peak %.1f MB), logical %.1f MB: %.2f× (peak %.2f×)%n",
                operations, end / 1e6, peak / 1e6, logical / 1e6, (double) end / logical, (double) peak / logical);
        assertTrue(
                peak <= 2 * logical,
                "the file reached " + peak + " bytes, more than twice the " + logical + " bytes of its data compacted");
    }

    private static void run(Queue<Runnable> tasks) {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                s.setObject(i + 1, p instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : p);
            }
            s.executeUpdate();
        }
    }
}
