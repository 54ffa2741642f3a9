package dev.tandem.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Databases for JVM tests of the stores, shared instead of written in each test: an in-memory H2 always and, when
 * {@code TANDEM_TEST_PG_URL} (with {@code TANDEM_TEST_PG_USER} and {@code _PASSWORD}) is set, a fresh schema on that
 * PostgreSQL, which {@link TestDatabase#close()} drops. {@link #migrated} applies the application's own Flyway
 * migrations, as the server does at start.
 */
public final class TestDatabases {

    private TestDatabases() {}

    /** One test database. {@code schema} is null on H2. */
    public record TestDatabase(String name, DataSource dataSource, String schema) implements AutoCloseable {

        public boolean postgres() {
            return schema != null;
        }

        /** Drops the PostgreSQL schema (an in-memory H2 goes with its last connection). */
        @Override
        public void close() {
            if (schema == null) {
                return;
            }
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test schema " + schema, e);
            }
        }
    }

    /** Empty databases (no tables), named after {@code prefix}: H2, and PostgreSQL when configured. */
    public static List<TestDatabase> empty(String prefix) {
        List<TestDatabase> databases = new ArrayList<>();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        databases.add(new TestDatabase("H2", h2, null));
        emptyPostgres(prefix).ifPresent(databases::add);
        return databases;
    }

    /** A fresh, empty schema on the configured PostgreSQL; empty when none is configured. */
    private static Optional<TestDatabase> emptyPostgres(String prefix) {
        String pgUrl = System.getenv("TANDEM_TEST_PG_URL");
        if (pgUrl == null || pgUrl.isBlank()) {
            return Optional.empty();
        }
        String schema = prefix.replace('-', '_') + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(pgUrl);
        pg.setUser(System.getenv().getOrDefault("TANDEM_TEST_PG_USER", "postgres"));
        pg.setPassword(System.getenv().getOrDefault("TANDEM_TEST_PG_PASSWORD", ""));
        pg.setCurrentSchema(schema);
        createSchema(pg, schema);
        return Optional.of(new TestDatabase("PostgreSQL", pg, schema));
    }

    /**
     * PostgreSQL with the application's schema, for what only a database server shows (row locks that wait, a
     * transaction the server ends); empty when none is configured, so that the test can report itself skipped.
     */
    public static Optional<TestDatabase> migratedPostgres(String prefix) {
        Optional<TestDatabase> database = emptyPostgres(prefix);
        database.ifPresent(TestDatabases::migrate);
        return database;
    }

    /** Databases with the application's schema: {@link #empty} and then every migration. */
    public static List<TestDatabase> migrated(String prefix) {
        List<TestDatabase> databases = empty(prefix);
        databases.forEach(TestDatabases::migrate);
        return databases;
    }

    /**
     * An in-memory H2 with the application's schema, for tests that need one database, not one per kind (a service's
     * JVM tests). Like every in-memory H2 here, it lives as long as the test JVM.
     */
    public static TestDatabase migratedH2(String prefix) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestDatabase database = new TestDatabase("H2", h2, null);
        migrate(database);
        return database;
    }

    /** Applies the application's migrations (common, then the database's own) to a test database. */
    public static void migrate(TestDatabase database) {
        migrate(database.dataSource(), database.schema());
    }

    /** Applies the migrations to a data source; {@code schema} null means H2, otherwise that PostgreSQL schema. */
    public static void migrate(DataSource dataSource, String schema) {
        var config = Flyway.configure()
                .dataSource(dataSource)
                .locations(
                        "classpath:db/migration/common",
                        "classpath:db/migration/" + (schema == null ? "h2" : "postgresql"));
        if (schema != null) {
            config.schemas(schema).createSchemas(true);
        }
        config.load().migrate();
    }

    private static void createSchema(PGSimpleDataSource pg, String schema) {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(pg.getURL());
        admin.setUser(pg.getUser());
        admin.setPassword(pg.getPassword());
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test schema " + schema, e);
        }
    }
}
