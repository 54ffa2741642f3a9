/**
 * Model queries: Convergence's {@code SELECT ... FROM collection WHERE ... ORDER BY ... LIMIT ... OFFSET ...}
 * language, evaluated in the database.
 *
 * <p>{@link dev.tandem.model.query.QueryParser} turns the text into a {@link dev.tandem.model.query.SelectQuery}
 * (or an {@link dev.tandem.model.query.InvalidQueryException} with a position); {@code QuerySql} translates it into
 * one portable, fully parameterized SQL statement over a queryable copy of each model
 * ({@link dev.tandem.model.query.QueryableData}: plain JSON plus one row per scalar leaf), which
 * {@link dev.tandem.model.query.ModelQueryStore} keeps (in the database: {@link dev.tandem.model.query.JdbcModelQueryStore});
 * {@link dev.tandem.model.query.ModelQueryService} refreshes the
 * copies that lag behind their model before each query and shapes the results (projections are built from the
 * plain JSON in Java). The read-permission condition joins the statement in
 * {@code ModelQueryService.readableBy}. Refusals (an invalid query, a timeout, a full queue) are
 * {@link dev.tandem.common.Refusal}s. Nothing here knows the wire protocol.
 */
package dev.tandem.model.query;
