package dev.tandem.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * Defines the application's own data sources from MicroProfile Config: what the WAR (Payara Micro, through the
 * launcher, or a WAR deployed on Payara Server) runs on.
 *
 * <p>Payara resolves the {@code ${MPCONFIG=key}} placeholders at deployment, so one WAR serves H2 and PostgreSQL.
 * Keys (defaults in {@code META-INF/microprofile-config.properties}; system properties and environment variables such
 * as {@code TANDEM_DB_URL} override them): {@code tandem.data.dir}, {@code tandem.db.url}, {@code tandem.db.user},
 * {@code tandem.db.password}, {@code tandem.db.datasource-class}. The pool sizes are annotation integers, which
 * Payara does not resolve from configuration; they are fixed here.
 *
 * <p>The definitions live in this class of their own, apart from {@link DatabaseSchema}, because the EAR for Payara
 * Server and WildFly leaves it out (the {@code server} WAR of the build): there the operator creates the data sources
 * with the server's tools and the EAR's {@code application.xml} binds them to the same {@code java:app} names. WildFly
 * could not resolve the placeholders anyway. The class is a singleton bean only because Jakarta EE reads resource
 * definitions from component classes; it does nothing.
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
@Singleton
public class ConfiguredDataSources {}
