package dev.tandem.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
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
 * <p>Start-up beans that touch JPA must declare {@code @DependsOn("DatabaseSchema")} so they run after the
 * migration. Request-time callers need nothing: the application accepts no requests before start-up singletons
 * are done.
 */
@Startup
@Singleton
// Flyway commits its own transactions on the connection it takes; a container transaction around it would forbid that.
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseSchema {

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

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                // {vendor} becomes "h2" or "postgresql": the home of statements that cannot be portable.
                .locations("classpath:db/migration/common", "classpath:db/migration/{vendor}")
                // the schema belongs to Tandem; never wipe it by accident from configuration
                .cleanDisabled(true)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.log(
                Level.INFO,
                "Database schema at version {0} ({1} migration(s) applied now, database {2})",
                new Object[] {
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted,
                    result.database
                });
    }
}
