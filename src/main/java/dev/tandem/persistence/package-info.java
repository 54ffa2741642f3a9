/**
 * The persistence base every capability builds on: the one data source ({@code java:app/jdbc/tandem}), the
 * Flyway migrations that own the schema, and small JPA helpers shared by all entities.
 *
 * <p>What lives here: {@link dev.tandem.persistence.DatabaseSchema} (defines the data source from MicroProfile
 * Config and migrates it at start, before any JPA use), {@link dev.tandem.persistence.Ids} (random identifiers) and
 * {@link dev.tandem.persistence.InstantConverter}. Entities and repositories live with their capability
 * ({@code tenant}, {@code identity}, ...), not here. The schema is written by hand in
 * {@code src/main/resources/db/migration}: JPA never generates or alters tables.
 *
 * <p>The same SQL runs on H2 2.2 (embedded, the default) and PostgreSQL 15. A statement that cannot be portable goes
 * into {@code db/migration/h2} or {@code db/migration/postgresql} (Flyway's {@code {vendor}} location) with the same
 * version number in both.
 */
package dev.tandem.persistence;
