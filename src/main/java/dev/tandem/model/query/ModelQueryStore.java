package dev.tandem.model.query;

import dev.tandem.model.query.QuerySql.Sql;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The queryable copies of models ({@code model_query_data}, {@code model_query_leaves}, see the V7 migration) and the
 * queries over them. {@link JdbcModelQueryStore} keeps them in the database. Every method is one transaction; a
 * failure of the database is a {@link dev.tandem.persistence.StoreException}.
 */
public interface ModelQueryStore {

    /** A model whose queryable copy is missing or older than the model. */
    record Stale(String modelRef, String modelId) {}

    /** One matching model, its data as stored (the whole model). */
    record Row(String modelId, Instant createdAt, long version, Instant modifiedAt, JsonObject data) {}

    /** One page of matches and the number of all matches. */
    record Page(List<Row> rows, long total) {}

    /** The models of a collection whose queryable copy lags behind their version (or does not exist yet). */
    List<Stale> stale(String domainRef, String collectionId);

    /**
     * Replaces the queryable copy of a model with its data at {@code version}, unless the stored copy is at that
     * version or newer (another query refreshed it meanwhile).
     *
     * @return true if it was written
     */
    boolean write(String modelRef, String domainRef, long version, Instant modifiedAt, QueryableData data);

    /** Runs a query over the stored copies, with a day as its time limit (tests). */
    default Page query(SelectQuery query, String domainRef, Sql readable, long limit, long offset) {
        return query(query, domainRef, readable, limit, offset, new QueryExecution(TimeUnit.DAYS.toMillis(1)));
    }

    /**
     * Runs a query over the stored copies within the execution's time limit.
     *
     * @throws QueryTimeoutException if the database stopped it for time
     * @throws java.util.concurrent.CancellationException if the execution was cancelled
     */
    Page query(SelectQuery query, String domainRef, Sql readable, long limit, long offset, QueryExecution execution);
}
