package dev.tandem.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDBC helper on an in-memory H2 and, when {@code TANDEM_TEST_PG_URL} is set, on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcTest {

    private final List<DataSource> databases = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    void create() throws SQLException {
        for (TestDatabases.TestDatabase test : TestDatabases.empty("jdbc")) {
            databases.add(test.dataSource());
            cleanups.add(test::close);
        }
        for (DataSource db : databases) {
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id VARCHAR(10) PRIMARY KEY, n BIGINT NOT NULL, note VARCHAR(20))");
            }
        }
    }

    @AfterAll
    void drop() {
        cleanups.forEach(Runnable::run);
    }

    List<DataSource> databases() {
        return databases;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runsStatementsAndMapsRows(DataSource db) {
        Jdbc.execute(db, "clearing", c -> Jdbc.update(c, "DELETE FROM items"));
        int[] counts = Jdbc.run(
                db,
                "inserting",
                c -> Jdbc.batch(
                        c,
                        "INSERT INTO items (id, n, note) VALUES (?, ?, ?)",
                        List.of("a", "b", "c"),
                        (s, id) -> Jdbc.values(id, (long) id.charAt(0), null).bind(s)));
        assertArrayEquals(new int[] {1, 1, 1}, counts);
        assertArrayEquals(
                new int[0],
                Jdbc.run(
                        db,
                        "inserting nothing",
                        c -> Jdbc.batch(
                                c, "INSERT INTO items (id, n) VALUES (?, ?)", List.<String>of(), (s, id) -> {})));
        assertEquals(1, (int)
                Jdbc.run(db, "noting", c -> Jdbc.update(c, "UPDATE items SET note = ? WHERE id = ?", "x", "b")));

        assertEquals(
                List.of("a", "b", "c"),
                Jdbc.run(
                        db,
                        "listing",
                        c -> Jdbc.list(
                                c, "SELECT id FROM items WHERE n >= ? ORDER BY id", row -> row.getString(1), 0L)));
        assertEquals(
                Optional.of("x"),
                Jdbc.run(
                        db,
                        "finding",
                        c -> Jdbc.optional(c, "SELECT note FROM items WHERE id = ?", row -> row.getString(1), "b")));
        assertEquals(
                Optional.empty(),
                Jdbc.run(
                        db,
                        "finding",
                        c -> Jdbc.optional(c, "SELECT note FROM items WHERE id = ?", row -> row.getString(1), "z")));
        assertEquals(2L, (long)
                Jdbc.run(db, "counting", c -> Jdbc.count(c, "SELECT COUNT(*) FROM items WHERE note IS NULL")));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFailureIsAStoreExceptionWithItsSqlState(DataSource db) {
        Jdbc.execute(db, "clearing", c -> Jdbc.update(c, "DELETE FROM items"));
        Jdbc.execute(db, "inserting", c -> Jdbc.update(c, "INSERT INTO items (id, n) VALUES (?, ?)", "a", 1L));
        StoreException twice = assertThrows(
                StoreException.class,
                () -> Jdbc.execute(
                        db,
                        "inserting a twice",
                        c -> Jdbc.update(c, "INSERT INTO items (id, n) VALUES (?, ?)", "a", 2L)));
        assertEquals("inserting a twice", twice.getMessage());
        assertTrue(twice.isUniqueViolation());
        assertEquals(StoreException.UNIQUE_VIOLATION, twice.sqlState());

        StoreException bad = assertThrows(
                StoreException.class,
                () -> Jdbc.run(db, "reading", c -> Jdbc.count(c, "SELECT COUNT(*) FROM no_such_table")));
        assertFalse(bad.isUniqueViolation());
        assertNull(new StoreException("no cause", null).sqlState());

        IllegalStateException mine = new IllegalStateException("not the database");
        assertSame(
                mine,
                assertThrows(
                        IllegalStateException.class,
                        () -> Jdbc.execute(db, "failing", c -> {
                            throw mine;
                        })));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLocalTransactionCommitsOrRollsBackWhole(DataSource db) {
        Jdbc.execute(db, "clearing", c -> Jdbc.update(c, "DELETE FROM items"));
        Jdbc.inTransaction(
                db,
                "inserting two",
                c -> Jdbc.batch(
                        c,
                        "INSERT INTO items (id, n) VALUES (?, ?)",
                        List.of("a", "b"),
                        (s, id) -> Jdbc.values(id, 1L).bind(s)));
        StoreException failed = assertThrows(
                StoreException.class,
                () -> Jdbc.inTransaction(db, "inserting c and a", c -> {
                    Jdbc.update(c, "INSERT INTO items (id, n) VALUES (?, ?)", "c", 1L);
                    return Jdbc.update(c, "INSERT INTO items (id, n) VALUES (?, ?)", "a", 1L);
                }));
        assertTrue(failed.isUniqueViolation());
        assertEquals(2L, (long) Jdbc.run(db, "counting", c -> Jdbc.count(c, "SELECT COUNT(*) FROM items")));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLongBatchIsSentInParts(DataSource db) {
        List<String> ids = List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6");
        AtomicInteger sent = new AtomicInteger();
        Jdbc.execute(db, "inserting in parts", c -> {
            Jdbc.update(c, "DELETE FROM items WHERE id LIKE 'p%'");
            Jdbc.batch(
                    countingBatches(c, sent),
                    "INSERT INTO items (id, n) VALUES (?, ?)",
                    ids,
                    (s, id) -> Jdbc.values(id, 1L).bind(s),
                    3);
        });
        assertEquals(3, sent.get(), "3 + 3 + the 1 left");
        assertEquals(7L, (long)
                Jdbc.run(db, "counting", c -> Jdbc.count(c, "SELECT COUNT(*) FROM items WHERE id LIKE 'p%'")));

        sent.set(0);
        Jdbc.execute(
                db,
                "inserting nothing",
                c -> Jdbc.batch(
                        countingBatches(c, sent),
                        "INSERT INTO items (id, n) VALUES (?, ?)",
                        List.<String>of(),
                        (s, id) -> {},
                        3));
        assertEquals(0, sent.get());
        Jdbc.execute(db, "clearing", c -> Jdbc.update(c, "DELETE FROM items WHERE id LIKE 'p%'"));
    }

    /** {@code c}, counting in {@code sent} the batches its prepared statements send. */
    private static Connection countingBatches(Connection c, AtomicInteger sent) {
        return (Connection) Proxy.newProxyInstance(
                JdbcTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, c, args);
                    if (!method.getName().equals("prepareStatement")) {
                        return result;
                    }
                    PreparedStatement statement = (PreparedStatement) result;
                    return Proxy.newProxyInstance(
                            JdbcTest.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                                if (m.getName().equals("executeBatch")) {
                                    sent.incrementAndGet();
                                }
                                return invoke(m, statement, a);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
