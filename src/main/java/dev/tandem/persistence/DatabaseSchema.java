package dev.tandem.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
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
 * Defines Tandem's data source and brings its schema up to date when the application starts.
 *
 * <p>The data source is configured through MicroProfile Config; Payara resolves the {@code ${MPCONFIG=key}}
 * placeholders at deployment, so one WAR serves H2 and PostgreSQL. Keys (defaults in
 * {@code META-INF/microprofile-config.properties}; system properties and environment variables such as
 * {@code TANDEM_DB_URL} override them): {@code tandem.data.dir}, {@code tandem.db.url}, {@code tandem.db.user},
 * {@code tandem.db.password}, {@code tandem.db.datasource-class}. The pool sizes are annotation integers, which
 * Payara does not resolve from configuration; they are fixed here.
 *
 * <p>Start-up beans that touch JPA must declare {@code @DependsOn("DatabaseSchema")} so they run after the
 * migration. Request-time callers need nothing: the application accepts no requests before start-up singletons
 * are done.
 */
@DataSourceDefinition(
        name = DatabaseSchema.DATA_SOURCE,
        className = "${MPCONFIG=tandem.db.datasource-class}",
        url = "${MPCONFIG=tandem.db.url}",
        user = "${MPCONFIG=tandem.db.user}",
        password = "${MPCONFIG=tandem.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
@DataSourceDefinition(
        name = DatabaseSchema.LOG_DATA_SOURCE,
        className = "${MPCONFIG=tandem.db.datasource-class}",
        url = "${MPCONFIG=tandem.db.url}",
        user = "${MPCONFIG=tandem.db.user}",
        password = "${MPCONFIG=tandem.db.password}",
        transactional = false,
        minPoolSize = 1,
        maxPoolSize = DatabaseSchema.LOG_POOL_SIZE)
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
