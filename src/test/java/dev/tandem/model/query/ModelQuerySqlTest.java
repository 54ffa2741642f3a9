package dev.tandem.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.model.query.ModelQueryStore.Page;
import dev.tandem.model.query.ModelQueryStore.Row;
import dev.tandem.model.query.ModelQueryStore.Stale;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import dev.tandem.testing.TestDatabases;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Queries evaluated by the database: the real migrations on an in-memory H2 and, when {@code TANDEM_TEST_PG_URL} is
 * set, on PostgreSQL (in a throwaway schema), with the same fixture and the same expectations on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelQuerySqlTest {

    private static final String DOMAIN = "d-main";
    private static final String OTHER_DOMAIN = "d-other";
    private static final Instant DATE = Instant.parse("2024-05-01T12:00:00Z");

    private final Map<String, Database> databases = new LinkedHashMap<>();
    private int nextValueId;

    private record Database(String name, DataSource dataSource, ModelQueryStore store, Runnable cleanup) {}

    /** A query, the model ids it must return in order, and the total it must report. */
    private record Case(String query, List<String> ids, long total) {}

    @BeforeAll
    void databases() throws SQLException {
        for (TestDatabases.TestDatabase test : TestDatabases.migrated("model-query")) {
            Database db = new Database(
                    test.name(), test.dataSource(), new JdbcModelQueryStore(test.dataSource()), test::close);
            fixture(db);
            databases.put(test.name(), db);
        }
    }

    @AfterAll
    void dropSchemas() {
        databases.values().forEach(db -> db.cleanup().run());
    }

    // ------------------------------------------------------------------------------------------------ fixture

    private void fixture(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            exec(c, "INSERT INTO namespaces (id, display_name, created_at) VALUES ('ns', 'ns', ?)", DATE);
            for (String domain : List.of(DOMAIN, OTHER_DOMAIN)) {
                exec(
                        c,
                        "INSERT INTO domains (id, namespace_id, domain_id, display_name, status, anonymous_auth, "
                                + "reconnect_token_validity_minutes, created_at) VALUES (?, 'ns', ?, 'd', 'online', TRUE, 60, ?)",
                        domain,
                        domain,
                        DATE);
            }
            exec(
                    c,
                    "INSERT INTO model_collections (id, domain_ref, collection_id, description, created_at) "
                            + "VALUES ('c-books', ?, 'books', '', ?)",
                    DOMAIN,
                    DATE);
            exec(
                    c,
                    "INSERT INTO model_collections (id, domain_ref, collection_id, description, created_at) "
                            + "VALUES ('c-films', ?, 'films', '', ?)",
                    DOMAIN,
                    DATE);
            exec(
                    c,
                    "INSERT INTO model_collections (id, domain_ref, collection_id, description, created_at) "
                            + "VALUES ('c-other', ?, 'books', '', ?)",
                    OTHER_DOMAIN,
                    DATE);
        }
        model(
                db,
                "b1",
                "c-books",
                DOMAIN,
                3,
                obj(
                        "title",
                        "Intro to SQL",
                        "year",
                        2001,
                        "price",
                        10.5,
                        "tags",
                        List.of("db", "sql"),
                        "author",
                        obj("name", "Ann", "age", 40),
                        "done",
                        true,
                        "x",
                        1,
                        "y",
                        2));
        model(
                db,
                "b2",
                "c-books",
                DOMAIN,
                1,
                obj(
                        "title",
                        "Advanced SQL",
                        "year",
                        2010,
                        "price",
                        30,
                        "tags",
                        List.of("db"),
                        "author",
                        obj("name", "Bob", "age", 55),
                        "done",
                        false,
                        "x",
                        3,
                        "y",
                        3));
        model(
                db,
                "b3",
                "c-books",
                DOMAIN,
                1,
                obj(
                        "title",
                        "Cooking",
                        "year",
                        1999,
                        "price",
                        5,
                        "author",
                        obj("name", "Cid"),
                        "done",
                        true,
                        "odd.key",
                        1,
                        "x",
                        "s",
                        "y",
                        "s"));
        model(db, "b4", "c-books", DOMAIN, 1, obj("title", "50% off", "year", "unknown", "price", 0));
        model(db, "b5", "c-books", DOMAIN, 1, obj("title", null, "year", 2010, "published", DATE));
        model(db, "f1", "c-films", DOMAIN, 1, obj("title", "Intro to SQL", "year", 2001));
        model(db, "o1", "c-other", OTHER_DOMAIN, 1, obj("title", "Intro to SQL", "year", 2001));
    }

    private void model(Database db, String id, String collectionRef, String domain, long version, ObjectValue data)
            throws SQLException {
        String ref = "ref-" + id;
        try (Connection c = db.dataSource().getConnection()) {
            exec(
                    c,
                    "INSERT INTO models (id, domain_ref, model_id, collection_ref, created_at, next_prefix) "
                            + "VALUES (?, ?, ?, ?, ?, 1)",
                    ref,
                    domain,
                    id,
                    collectionRef,
                    DATE);
            exec(
                    c,
                    "INSERT INTO model_versions (model_ref, version, modified_at) VALUES (?, ?, ?)",
                    ref,
                    version,
                    DATE);
        }
        assertTrue(db.store().write(ref, domain, version, DATE, QueryableData.of(data)));
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

    private ObjectValue obj(Object... keyValues) {
        Map<String, DataValue> children = new LinkedHashMap<>();
        String id = "t:" + nextValueId++;
        for (int i = 0; i < keyValues.length; i += 2) {
            children.put((String) keyValues[i], value(keyValues[i + 1]));
        }
        return new ObjectValue(id, children);
    }

    private DataValue value(Object v) {
        String id = "t:" + nextValueId++;
        if (v instanceof DataValue data) {
            return data;
        } else if (v instanceof String s) {
            return new StringValue(id, s);
        } else if (v instanceof Number n) {
            return new NumberValue(id, n.doubleValue());
        } else if (v instanceof Boolean b) {
            return new BooleanValue(id, b);
        } else if (v instanceof Instant t) {
            return new DateValue(id, t);
        } else if (v instanceof List<?> list) {
            List<DataValue> children = new ArrayList<>();
            for (Object element : list) {
                children.add(value(element));
            }
            return new ArrayValue(id, children);
        }
        return new NullValue(id);
    }

    // ------------------------------------------------------------------------------------------------ cases

    private static final List<Case> CASES = List.of(
            // scope: only this domain's collection
            c("SELECT * FROM books", 5, "b1", "b2", "b3", "b4", "b5"),
            c("SELECT * FROM films", 1, "f1"),
            c("SELECT * FROM nothing", 0),
            // comparisons: a number never equals a string; a missing field never compares
            c("SELECT * FROM books WHERE year > 2000", 3, "b1", "b2", "b5"),
            c("SELECT * FROM books WHERE year = 'unknown'", 1, "b4"),
            c("SELECT * FROM books WHERE 2000 < year AND year <= 2001", 1, "b1"),
            c("SELECT * FROM books WHERE price >= 10.5", 2, "b1", "b2"),
            c("SELECT * FROM books WHERE year = 2010 ORDER BY @id DESC", 2, "b5", "b2"),
            c("SELECT * FROM books WHERE done = true", 2, "b1", "b3"),
            c("SELECT * FROM books WHERE done = false", 1, "b2"),
            c("SELECT * FROM books WHERE missing = 1", 0),
            // two-valued logic: NOT and != match models without the field or with another type
            c("SELECT * FROM books WHERE NOT done = true", 3, "b2", "b4", "b5"),
            c("SELECT * FROM books WHERE year != 2010", 3, "b1", "b3", "b4"),
            c("SELECT * FROM books WHERE NOT missing = 1", 5, "b1", "b2", "b3", "b4", "b5"),
            // field against field, by type
            c("SELECT * FROM books WHERE x = y", 2, "b2", "b3"),
            c("SELECT * FROM books WHERE x < y", 1, "b1"),
            // LIKE: % and _, backslash escapes
            c("SELECT * FROM books WHERE title LIKE '%SQL'", 2, "b1", "b2"),
            c("SELECT * FROM books WHERE title LIKE '_ooking'", 1, "b3"),
            c("SELECT * FROM books WHERE title LIKE '50\\%%'", 1, "b4"),
            c("SELECT * FROM books WHERE title LIKE '5\\_%'", 0),
            c("SELECT * FROM books WHERE title NOT LIKE '%SQL%'", 3, "b3", "b4", "b5"),
            c("SELECT * FROM books WHERE @id LIKE 'b_'", 5, "b1", "b2", "b3", "b4", "b5"),
            c("SELECT * FROM books WHERE year LIKE '20%'", 0),
            // several % with pattern between them (H2: a linear-time regex instead of H2's backtracking LIKE)
            c("SELECT * FROM books WHERE title LIKE '%n%o%SQL'", 1, "b1"),
            c("SELECT * FROM books WHERE title LIKE '%o%o%'", 2, "b1", "b3"),
            c("SELECT * FROM books WHERE title LIKE 'I%o%o%L'", 1, "b1"),
            c("SELECT * FROM books WHERE title LIKE '%0\\%%f_'", 1, "b4"),
            c("SELECT * FROM books WHERE title NOT LIKE '%S%Q%L'", 3, "b3", "b4", "b5"),
            // IN, mixed types
            c("SELECT * FROM books WHERE year IN [1999, 2001]", 2, "b1", "b3"),
            c("SELECT * FROM books WHERE year IN ['unknown', 2010]", 3, "b2", "b4", "b5"),
            c("SELECT * FROM books WHERE NOT year IN [2010]", 3, "b1", "b3", "b4"),
            c("SELECT * FROM books WHERE year IN []", 0),
            c("SELECT * FROM books WHERE @id IN ['b2', 'b3', 'f1']", 2, "b2", "b3"),
            c("SELECT * FROM books WHERE done IN [false]", 1, "b2"),
            // AND / OR / NOT and parentheses
            c("SELECT * FROM books WHERE author.name = 'Bob' OR price < 6", 3, "b2", "b3", "b4"),
            c("SELECT * FROM books WHERE author.age >= 40 AND done = true", 1, "b1"),
            c("SELECT * FROM books WHERE (year = 2010 OR year = 1999) AND NOT author.name = 'Bob'", 2, "b3", "b5"),
            c("SELECT * FROM books WHERE year = 2010 OR year = 1999 AND NOT author.name = 'Cid'", 2, "b2", "b5"),
            // arithmetic; division by zero has no value
            c("SELECT * FROM books WHERE price * 2 + 1 > 20", 2, "b1", "b2"),
            c("SELECT * FROM books WHERE (price + 1) * 2 = 12", 1, "b3"),
            c("SELECT * FROM books WHERE -price < -20", 1, "b2"),
            c("SELECT * FROM books WHERE price / 0 > 1", 0),
            c("SELECT * FROM books WHERE year % 2 = 1", 2, "b1", "b3"),
            c("SELECT * FROM books WHERE price % 4 = 2.5", 1, "b1"),
            c("SELECT * FROM books WHERE year - price = 1994", 1, "b3"),
            // paths: arrays, nested objects, escaped names, dates as Convergence's JSON form
            c("SELECT * FROM books WHERE tags[0] = 'db'", 2, "b1", "b2"),
            c("SELECT * FROM books WHERE tags[1] = 'sql'", 1, "b1"),
            c("SELECT * FROM books WHERE `odd.key` = 1", 1, "b3"),
            c("SELECT * FROM books WHERE published.date = " + DATE.toEpochMilli(), 1, "b5"),
            c("SELECT * FROM books WHERE @version > 1", 1, "b1"),
            c("SELECT * FROM books WHERE @version + 1 = 2", 4, "b2", "b3", "b4", "b5"),
            // ORDER BY: numbers, then strings, then booleans, then models without the field; ties by id
            c("SELECT * FROM books ORDER BY price DESC", 5, "b2", "b1", "b3", "b4", "b5"),
            c("SELECT * FROM books ORDER BY price", 5, "b4", "b3", "b1", "b2", "b5"),
            c("SELECT * FROM books ORDER BY year", 5, "b3", "b1", "b2", "b5", "b4"),
            c("SELECT * FROM books ORDER BY author.name DESC", 5, "b3", "b2", "b1", "b4", "b5"),
            c("SELECT * FROM books ORDER BY done DESC, @id DESC", 5, "b3", "b1", "b2", "b5", "b4"),
            c("SELECT * FROM books ORDER BY @version DESC, @id DESC", 5, "b1", "b5", "b4", "b3", "b2"),
            // pages: total counts every match
            c("SELECT * FROM books ORDER BY @id LIMIT 2 OFFSET 1", 5, "b2", "b3"),
            c("SELECT * FROM books WHERE year > 2000 ORDER BY year DESC LIMIT 2", 3, "b2", "b5"),
            c("SELECT * FROM books OFFSET 10", 5),
            c("SELECT * FROM books LIMIT 0", 5));

    private static Case c(String query, long total, String... ids) {
        return new Case(query, List.of(ids), total);
    }

    @TestFactory
    Stream<DynamicNode> queries() {
        return databases.values().stream()
                .map(db -> DynamicContainer.dynamicContainer(
                        db.name(),
                        CASES.stream()
                                .map(c -> DynamicTest.dynamicTest(c.query(), () -> {
                                    Page page = run(db, c.query());
                                    List<String> ids = page.rows().stream()
                                            .map(Row::modelId)
                                            .toList();
                                    assertEquals(c.ids(), ids, c.query());
                                    assertEquals(c.total(), page.total(), "total of " + c.query());
                                }))));
    }

    @TestFactory
    Stream<DynamicNode> resultsCarryTheStoredCopy() {
        return perDatabase(db -> {
            Row b1 = run(db, "SELECT * FROM books WHERE @id = 'b1'").rows().get(0);
            assertEquals(3, b1.version());
            assertEquals(DATE, b1.createdAt());
            assertEquals("Intro to SQL", b1.data().getString("title"));
            assertEquals("sql", b1.data().getJsonArray("tags").getString(1));
            Row b5 = run(db, "SELECT * FROM books WHERE @id = 'b5'").rows().get(0);
            JsonObject published = b5.data().getJsonObject("published");
            assertEquals("date", published.getString(QueryableData.DATE_TYPE_KEY));
            assertEquals(DATE.toEpochMilli(), published.getJsonNumber("date").longValue());
            assertTrue(b5.data().isNull("title"));
        });
    }

    @TestFactory
    Stream<DynamicNode> staleCopiesAreFoundAndOlderWritesIgnored() {
        return perDatabase(db -> {
            assertEquals(List.of(), db.store().stale(DOMAIN, "books"));
            String ref = "ref-late-" + db.name();
            try (Connection c = db.dataSource().getConnection()) {
                exec(
                        c,
                        "INSERT INTO models (id, domain_ref, model_id, collection_ref, created_at, next_prefix) "
                                + "VALUES (?, ?, ?, 'c-films', ?, 1)",
                        ref,
                        DOMAIN,
                        "late-" + db.name(),
                        DATE);
                exec(c, "INSERT INTO model_versions (model_ref, version, modified_at) VALUES (?, 2, ?)", ref, DATE);
            }
            assertEquals(
                    List.of(new Stale(ref, "late-" + db.name())), db.store().stale(DOMAIN, "films"));
            assertEquals(1, run(db, "SELECT * FROM films").total(), "not visible before it has a copy");
            assertTrue(db.store().write(ref, DOMAIN, 1, DATE, QueryableData.of(obj("n", 1))));
            assertEquals(1, db.store().stale(DOMAIN, "films").size(), "still older than the model");
            assertTrue(db.store().write(ref, DOMAIN, 2, DATE, QueryableData.of(obj("n", 2))));
            assertFalse(db.store().write(ref, DOMAIN, 1, DATE, QueryableData.of(obj("n", 1))), "older: ignored");
            assertEquals(List.of(), db.store().stale(DOMAIN, "films"));
            assertEquals(1, run(db, "SELECT * FROM films WHERE n = 2").total());
            assertEquals(0, run(db, "SELECT * FROM films WHERE n = 1").total(), "old leaves replaced");
            // deleting the model deletes its copy: it vanishes from results
            try (Connection c = db.dataSource().getConnection()) {
                exec(c, "DELETE FROM models WHERE id = ?", ref);
            }
            assertEquals(
                    List.of("f1"),
                    run(db, "SELECT * FROM films").rows().stream()
                            .map(Row::modelId)
                            .toList());
        });
    }

    @TestFactory
    Stream<DynamicNode> aPatternThatBacktracksIsAnsweredAtOnce() {
        return perDatabase(db -> {
            try (Connection c = db.dataSource().getConnection()) {
                exec(
                        c,
                        "INSERT INTO model_collections (id, domain_ref, collection_id, description, created_at) "
                                + "VALUES ('c-many', ?, 'many', '', ?)",
                        DOMAIN,
                        DATE);
            }
            model(db, "m1", "c-many", DOMAIN, 1, obj("t", "x".repeat(100)));
            model(db, "m2", "c-many", DOMAIN, 1, obj("t", "x".repeat(99) + "y"));
            // H2's own LIKE backtracks through C(100, 12) placements on this pattern: it would not finish, and no
            // timeout reaches a LIKE inside one row. The preemptive limit only turns such a hang into a failure.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                String pattern = "%x".repeat(12) + "%y";
                assertEquals(List.of("m2"), ids(run(db, "SELECT * FROM many WHERE t LIKE '" + pattern + "'")));
                assertEquals(List.of("m1"), ids(run(db, "SELECT * FROM many WHERE t NOT LIKE '" + pattern + "'")));
            });
        });
    }

    @TestFactory
    Stream<DynamicNode> aSlowStatementIsStoppedAtTheTimeLimitAndByCancel() {
        return perDatabase(db -> {
            // A read condition that takes far longer than the limit: a sum over three billion numbers in H2,
            // a sleep in PostgreSQL.
            QuerySql.Sql slow = db.name().equals("H2")
                    ? QuerySql.Sql.of("(SELECT SUM(X) FROM SYSTEM_RANGE(1, 3000000000)) > 0")
                    : QuerySql.Sql.of("(SELECT TRUE FROM pg_sleep(60))");
            SelectQuery query = QueryParser.parse("SELECT * FROM books");
            long started = System.nanoTime();
            assertThrows(
                    QueryTimeoutException.class,
                    () -> db.store().query(query, DOMAIN, slow, 10, 0, new QueryExecution(1000)));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 30_000, "stopped by the database, not run to the end: " + tookMillis + " ms");

            QueryExecution execution = new QueryExecution(60_000);
            CompletableFuture<Page> result =
                    CompletableFuture.supplyAsync(() -> db.store().query(query, DOMAIN, slow, 10, 0, execution));
            Thread.sleep(500);
            execution.cancel();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
            assertInstanceOf(CancellationException.class, failure.getCause());
        });
    }

    private static List<String> ids(Page page) {
        return page.rows().stream().map(Row::modelId).toList();
    }

    @TestFactory
    Stream<DynamicNode> theReadConditionFiltersResults() {
        return perDatabase(db -> {
            SelectQuery query = QueryParser.parse("SELECT * FROM books ORDER BY @id");
            Page page = db.store().query(query, DOMAIN, QuerySql.Sql.of("m.model_id <> ?", "b2"), 10, 0);
            assertEquals(
                    List.of("b1", "b3", "b4", "b5"),
                    page.rows().stream().map(Row::modelId).toList());
            assertEquals(4, page.total());
        });
    }

    private Stream<DynamicNode> perDatabase(ThrowingCheck check) {
        return databases.values().stream().map(db -> DynamicTest.dynamicTest(db.name(), () -> check.run(db)));
    }

    private interface ThrowingCheck {
        void run(Database db) throws Exception;
    }

    private static Page run(Database db, String text) {
        SelectQuery query = QueryParser.parse(text);
        return db.store()
                .query(
                        query,
                        DOMAIN,
                        QuerySql.Sql.of("1 = 1"),
                        query.limit() == null ? 100 : query.limit(),
                        query.offset() == null ? 0 : query.offset());
    }
}
