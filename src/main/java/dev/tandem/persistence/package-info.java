/**
 * The persistence base every capability builds on: the data source ({@code java:app/jdbc/tandem}, and the same
 * database outside JTA for the operation log, {@code java:app/jdbc/tandem-log}), the Flyway migrations that own the
 * schema, and small JPA helpers shared by all entities.
 *
 * <p>What lives here: {@link dev.tandem.persistence.ConfiguredDataSources} (the WAR's data sources, from
 * MicroProfile Config; the EAR binds the server's instead), {@link dev.tandem.persistence.DatabaseSchema} (migrates
 * the schema at start, before any JPA use), {@link dev.tandem.persistence.LocalTransaction} (a
 * JDBC transaction committed by its own code, on the log's data source), {@link dev.tandem.persistence.Jdbc} (the
 * helper the hand-written JDBC stores share: statements with parameters, rows mapped by a
 * {@link dev.tandem.persistence.RowMapper}, batches (sent in parts when long), and every database failure as the one unchecked
 * {@link dev.tandem.persistence.StoreException}, which keeps the SQL state),
 * {@link dev.tandem.persistence.H2FileCompaction} (an embedded H2's file compacted and synced while the server runs),
 * {@link dev.tandem.persistence.Ids} (random identifiers) and {@link dev.tandem.persistence.InstantConverter}. Entities and repositories live with their
 * capability ({@code tenant}, {@code identity}, ...), not here; so do the JDBC stores (an interface {@code XStore} and
 * its implementation {@code JdbcXStore} on {@link dev.tandem.persistence.Jdbc}). The schema is written by hand in
 * {@code src/main/resources/db/migration}: JPA never generates or alters tables.
 *
 * <p><b>Every JPA repository method runs in a transaction, reads too</b> (class-level {@code @Transactional}). Outside
 * a transaction Payara keeps the container's entity manager for the whole invocation: a request, or the whole life of a
 * thread from the managed thread factory, whose persistence context then keeps every entity read (stale, and growing).
 * Worse, a managed task or thread gets a copy of the invocation that submitted it which shares that registry, and
 * closes every entity manager in it when it ends: the submitting request's next read failed with "closed
 * EntityManager", and a managed thread that ended (the realtime query threads end when idle) printed it as an uncaught
 * exception. In a transaction the entity manager belongs to the transaction and closes with it. {@code TenancyAuthIT}
 * shows the request case.
 *
 * <p>The same SQL runs on H2 2.2 (embedded, the default) and PostgreSQL 15. A statement that cannot be portable goes
 * into {@code db/migration/h2} or {@code db/migration/postgresql} (Flyway's {@code {vendor}} location) with the same
 * version number in both.
 */
package dev.tandem.persistence;
