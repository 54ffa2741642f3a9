package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.persistence.StoreException;
import dev.tandem.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The operation log's group commit and filing on the real schema: H2 in memory and, when {@code TANDEM_TEST_PG_URL} is set,
 * PostgreSQL in a throwaway schema. The log's two writes commit their own transactions, so their atomicity shows here;
 * the store's other methods rely on the container's transaction, which only the in-container and compat tests have.
 */
class ModelStoreLogTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String W = "writer-1";
    private static final String OPERATION = ModelJson.write(new NumberDeltaOperation("0:1", false, 1));

    @TestFactory
    Stream<DynamicTest> groupCommit() {
        return TestDatabases.empty("model-log").stream()
                .map(db -> DynamicTest.dynamicTest(db.name(), () -> {
                    try (db) {
                        TestDatabases.migrate(db);
                        run(db.dataSource());
                    }
                }));
    }

    private void run(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            exec(c, "INSERT INTO namespaces (id, display_name, created_at) VALUES ('ns', 'ns', ?)", AT);
            exec(
                    c,
                    "INSERT INTO domains (id, namespace_id, domain_id, display_name, status, anonymous_auth, "
                            + "reconnect_token_validity_minutes, created_at) VALUES ('d', 'ns', 'd', 'd', 'online', TRUE, 60, ?)",
                    AT);
            exec(
                    c,
                    "INSERT INTO model_collections (id, domain_ref, collection_id, description, created_at) "
                            + "VALUES ('c-ref', 'd', 'c', '', ?)",
                    AT);
        }
        ModelStore store = new JdbcModelStore(dataSource, dataSource);
        store.registerWriter(W, "test", true, AT);
        ObjectValue data = new ObjectValue("0:0", Map.of("n", new NumberValue("0:1", 0)));
        StoredModel m1 = store.create("d", "c", "m1", data, AT).orElseThrow();
        StoredModel m2 = store.create("d", "c", "m2", data, AT).orElseThrow();
        StoredModel m3 = store.create("d", "c", "m3", data, AT).orElseThrow();

        store.appendGroup(W, List.of(append(m1, 2, 3), append(m2, 2, 3, 4), append(m3, 2)));

        // Committed as one row of model_log; the versions and the per-model log move when it is filed, together.
        assertEquals(1, count(dataSource, "model_log"));
        assertEquals(1, store.find("d", "m1").orElseThrow().version());
        assertEquals(List.of(), versions(store, m1));
        assertEquals(new ModelStore.Filed(1, 6, true), store.fileLog(1000));
        assertEquals(0, count(dataSource, "model_log"));
        assertEquals(List.of(2L, 3L), versions(store, m1));
        assertEquals(List.of(2L, 3L, 4L), versions(store, m2));
        assertEquals(List.of(2L), versions(store, m3));
        assertEquals(3, store.find("d", "m1").orElseThrow().version());
        assertEquals(4, store.find("d", "m2").orElseThrow().version());
        assertEquals(2, store.find("d", "m3").orElseThrow().version());
        assertEquals(AT.plusSeconds(4), store.find("d", "m2").orElseThrow().modifiedAt());
        assertEquals(ModelStore.Filed.NOTHING, store.fileLog(1000));

        // Three more rounds; m2 is deleted before they are filed: its operations are dropped, the others filed by
        // model and version, whatever the order of the rounds.
        store.appendGroup(W, List.of(append(m2, 5), append(m3, 3, 4)));
        store.appendGroup(W, List.of(append(m1, 4)));
        store.appendGroup(W, List.of(append(m3, 5), append(m1, 5, 6)));
        assertTrue(store.delete("d", "m2"));
        // At most 2 operations: whole rounds are taken until that many are, and the rest waits for the next call.
        assertEquals(new ModelStore.Filed(1, 3, false), store.fileLog(2));
        assertEquals(List.of(2L, 3L, 4L), versions(store, m3));
        assertEquals(4, store.find("d", "m3").orElseThrow().version());
        assertEquals(3, store.find("d", "m1").orElseThrow().version());
        assertEquals(new ModelStore.Filed(2, 4, true), store.fileLog(2));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), versions(store, m1));
        assertEquals(List.of(2L, 3L, 4L, 5L), versions(store, m3));
        assertEquals(6, store.find("d", "m1").orElseThrow().version());
        assertEquals(5, store.find("d", "m3").orElseThrow().version());
        assertEquals(0, count(dataSource, "model_log"));

        // A pipelined model's rounds overlap (each holds every operation not yet acknowledged) and commit in any
        // order: filed in one call or across calls, each version is kept once.
        store.appendGroup(W, List.of(append(m3, 6, 7, 8)));
        store.appendGroup(W, List.of(append(m3, 6)));
        store.appendGroup(W, List.of(append(m3, 6, 7)));
        assertEquals(new ModelStore.Filed(3, 6, true), store.fileLog(1000));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L), versions(store, m3));
        assertEquals(8, store.find("d", "m3").orElseThrow().version());
        store.appendGroup(W, List.of(append(m3, 7, 8, 9)));
        assertEquals(new ModelStore.Filed(1, 3, true), store.fileLog(1000));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), versions(store, m3));
        assertEquals(9, store.find("d", "m3").orElseThrow().version());

        // A batch with a gap fails its group whole: nothing of it is logged.
        StoreException gap = assertThrows(
                StoreException.class, () -> store.appendGroup(W, List.of(append(m1, 7), append(m3, 6, 8))));
        assertTrue(gap.getMessage().contains("from version 6 to 8"), gap.getMessage());
        assertEquals(0, count(dataSource, "model_log"));

        // A fenced writer commits nothing more; another registered one does. A writer registered alone fences the
        // rest (an earlier run of the node).
        store.registerWriter("other", "test", false, AT);
        assertTrue(store.fenceWriter(W));
        assertFalse(store.fenceWriter(W));
        WriterFencedException fenced =
                assertThrows(WriterFencedException.class, () -> store.appendGroup(W, List.of(append(m1, 7))));
        assertTrue(fenced.getMessage().contains(W), fenced.getMessage());
        assertEquals(0, count(dataSource, "model_log"));
        store.appendGroup("other", List.of(append(m1, 7)));
        store.registerWriter("third", "test", true, AT);
        assertThrows(WriterFencedException.class, () -> store.appendGroup("other", List.of(append(m1, 8))));
        assertEquals(List.of("third"), writers(dataSource));
        assertEquals(new ModelStore.Filed(1, 1, true), store.fileLog(1000));
        assertEquals(7, store.find("d", "m1").orElseThrow().version());

        // A filing cut short after some of its rows were written (outside a transaction): filing the round again is
        // refused as a unique violation, and filing it with replace files it whole.
        store.appendGroup("third", List.of(append(m1, 8, 9)));
        try (Connection c = dataSource.getConnection()) {
            exec(
                    c,
                    "INSERT INTO model_operations (model_ref, version, domain_ref, session_id, committed_at, operation, "
                            + "applied) VALUES (?, 8, 'd', 'stale', ?, ?, ?)",
                    m1.ref(),
                    AT,
                    OPERATION,
                    OPERATION);
        }
        assertTrue(assertThrows(StoreException.class, () -> store.fileLog(1000)).isUniqueViolation());
        assertEquals(new ModelStore.Filed(1, 2, true), store.fileLog(1000, true));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), versions(store, m1));
        assertEquals("s1", store.operationsAfter(m1.ref(), 7).get(0).sessionId());
        assertEquals(9, store.find("d", "m1").orElseThrow().version());
        assertEquals(
                List.of(4L, 5L, 6L),
                store.operationsBetween(m1.ref(), 3, 6).stream()
                        .map(ModelStore.LoggedOperation::version)
                        .toList());
    }

    private static List<String> writers(DataSource dataSource) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                var row = s.executeQuery("SELECT writer_id FROM log_writers ORDER BY writer_id")) {
            while (row.next()) {
                ids.add(row.getString(1));
            }
        }
        return ids;
    }

    private static long count(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                var row = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static OperationLog.Append append(StoredModel model, long... versions) {
        List<NewOperation> ops = new ArrayList<>();
        for (long v : versions) {
            ops.add(new NewOperation(v, "s1", AT.plusSeconds(v), OPERATION, OPERATION));
        }
        return new OperationLog.Append(model.ref(), model.domainRef(), ops, e -> {});
    }

    private static List<Long> versions(ModelStore store, StoredModel model) {
        return store.operationsAfter(model.ref(), 1).stream()
                .map(ModelStore.LoggedOperation::version)
                .toList();
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
