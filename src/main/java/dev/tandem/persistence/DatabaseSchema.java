package dev.tandem.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema of Tandem's database up to date when the application starts.
 *
 * <p>The data sources it and the stores use are {@link #DATA_SOURCE} and {@link #LOG_DATA_SOURCE}. The WAR defines
 * them from MicroProfile Config ({@link ConfiguredDataSources}); the EAR for Payara Server and WildFly leaves that
 * class out and names the server's own data sources under these names instead (its {@code application.xml}).
 *
 * <p>Start-up work is plain CDI, no EJB (WildFly's {@code standalone-microprofile.xml} has no EJB container): the
 * migration observes {@code @Initialized(ApplicationScoped.class)}, which the container fires once the application's
 * beans are ready and before it serves the first request, at priority {@link #MIGRATION_PRIORITY}, ahead of every
 * other observer of that event. Start-up work that touches the database observes the same event at a larger
 * priority (as {@link dev.tandem.admin.TenantBootstrap} does at {@link #AFTER_MIGRATION_PRIORITY}); observers
 * without {@code @Priority} run after both. Request-time callers need nothing: no request is served before the event's
 * observers returned. A failed migration throws, and the exception fails the deployment.
 *
 * <p>The observer runs without a transaction: Flyway commits its own transactions on the connection it takes.
 */
@ApplicationScoped
public class DatabaseSchema {

    /** The migration's place among the observers of {@code @Initialized(ApplicationScoped.class)}: first. */
    public static final int MIGRATION_PRIORITY = 100;

    /**
     * For start-up work that needs the migrated schema (observers run in increasing priority; an observer without
     * {@code @Priority} has {@code Interceptor.Priority.APPLICATION + 500}).
     */
    public static final int AFTER_MIGRATION_PRIORITY = 200;

    /** JNDI name of the application's data source, also named by {@code persistence.xml}. */
    public static final String DATA_SOURCE = "java:app/jdbc/tandem";

    /**
     * JNDI name of the same database's connections outside JTA, on which the operation log commits its own
     * transactions ({@link LocalTransaction}): the log's group commits and filing are the hottest writes, touch the
     * database only, and must be atomic on whichever thread runs them.
     */
    public static final String LOG_DATA_SOURCE = "java:app/jdbc/tandem-log";

    /**
     * Connections of {@link #LOG_DATA_SOURCE}: each of the operation log's concurrent rounds holds one while it
     * commits, and filing holds one, so at most {@code LOG_POOL_SIZE - 1} rounds may run at once.
     */
    public static final int LOG_POOL_SIZE = 8;

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    @Resource(lookup = DATA_SOURCE)
    private DataSource dataSource;

    private final AtomicBoolean migrated = new AtomicBoolean();

    /** Migrates the schema once per start (the container may fire the event again, e.g. once per module). */
    void migrate(@Observes @Priority(MIGRATION_PRIORITY) @Initialized(ApplicationScoped.class) Object ignored) {
        if (!migrated.compareAndSet(false, true)) {
            return;
        }
        MigrateResult result;
        try {
            result = runFlyway();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Tandem cannot start: migrating the database schema failed", e);
            throw new IllegalStateException(
                    "Tandem cannot start: migrating the database schema failed: " + e.getMessage(), e);
        }
        LOG.log(
                Level.INFO,
                "Database schema at version {0} ({1} migration(s) applied now, database {2})",
                new Object[] {
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted,
                    result.database
                });
    }

    private MigrateResult runFlyway() {
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                // {vendor} becomes "h2" or "postgresql": the home of statements that cannot be portable.
                .locations("classpath:db/migration/common", "classpath:db/migration/{vendor}")
                // the schema belongs to Tandem; never wipe it by accident from configuration
                .cleanDisabled(true)
                .load();
        return flyway.migrate();
    }
}
