package dev.tandem.model.query;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.PermissionResolver;
import dev.tandem.model.ModelNotFoundException;
import dev.tandem.model.ModelService;
import dev.tandem.model.ModelState;
import dev.tandem.model.query.ModelQueryStore.Row;
import dev.tandem.model.query.ModelQueryStore.Stale;
import dev.tandem.model.query.QuerySql.Sql;
import dev.tandem.model.query.SelectQuery.DataField;
import dev.tandem.model.query.SelectQuery.MetaField;
import dev.tandem.model.query.SelectQuery.Projection;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs model queries ({@link QueryParser}'s language) in the database, over the queryable copies of the models
 * ({@link ModelQueryStore}).
 *
 * <p><b>Freshness.</b> Copies are not written per operation. Before a query runs, the models of its collection whose
 * copy is missing or older than their version are brought up to date: an open model hands over its state through
 * its single writer ({@link ModelService#current}, a task between two operations, after every acknowledged one was
 * committed), a closed one is read from storage. So a query sent after an operation was acknowledged sees it, a new
 * or a migrated model is indexed on its first query, and a deleted model is gone with its rows (foreign keys
 * cascade). Only models edited since the last query of their collection cost anything.
 *
 * <p><b>Limits.</b> Every statement a query runs has the time left of {@code tandem.model.query.timeout-millis}
 * as its timeout, so the database stops it ({@link QueryTimeoutException}); a realtime query ({@link #start}) runs
 * on this service's threads and is cancelled in the database when its connection closes or the server stops.
 *
 * <p><b>Read permission.</b> {@link #readableBy} is the single place where the read permission joins the
 * statement, so paging and totals count only what the user may see.
 */
@ApplicationScoped
public class ModelQueryService {

    private static final Logger LOG = Logger.getLogger(ModelQueryService.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int LOCK_STRIPES = 64;

    @Inject
    ModelQueryStore store;

    @Inject
    ModelService models;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "tandem.model.query.max-results", defaultValue = "1000")
    int maxResults;

    @Inject
    @ConfigProperty(name = "tandem.model.query.max-offset", defaultValue = "100000")
    long maxOffset;

    @Inject
    @ConfigProperty(name = "tandem.model.query.timeout-millis", defaultValue = "5000")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "tandem.model.query.threads", defaultValue = "2")
    int threads;

    @Inject
    @ConfigProperty(name = "tandem.model.query.max-waiting", defaultValue = "64")
    int maxWaiting;

    // Two queries on one node refresh a model one after the other (the row lock covers other nodes).
    private final Object[] refreshLocks = new Object[LOCK_STRIPES];
    private final Set<QueryExecution> running = ConcurrentHashMap.newKeySet();
    private ThreadPoolExecutor executor;

    /** For CDI. */
    public ModelQueryService() {
        for (int i = 0; i < LOCK_STRIPES; i++) {
            refreshLocks[i] = new Object();
        }
    }

    @PostConstruct
    void start() {
        // Realtime queries run here rather than on the socket's thread, which must go on reading the client's
        // heartbeats and close frames while a query runs (and notice that nobody waits for it any more).
        executor = new ThreadPoolExecutor(
                Math.max(1, threads),
                Math.max(1, threads),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, maxWaiting)),
                threadFactory);
        executor.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        // A shutdown does not wait for queries: the ones running are stopped in the database.
        running.forEach(QueryExecution::cancel);
        executor.shutdownNow();
    }

    /** A query started by {@link #start}: its result to come, and the means to stop it. */
    public record RunningQuery(CompletableFuture<QueryPage> result, QueryExecution execution) {
        /** Stops the query; its result completes with a {@link CancellationException}. */
        public void cancel() {
            execution.cancel();
            result.cancel(false);
        }
    }

    /**
     * Starts a query on the query threads. The result fails with {@link QueryTimeoutException} past
     * {@code tandem.model.query.timeout-millis}, or {@link CancellationException} if cancelled.
     *
     * @throws InvalidQueryException at once if the query is not valid
     * @throws QueriesBusyException at once if {@code tandem.model.query.max-waiting} queries already wait
     */
    public RunningQuery start(String domainRef, DomainUserView user, String text) {
        SelectQuery query = QueryParser.parse(text, maxResults, maxOffset);
        QueryExecution execution = new QueryExecution(timeoutMillis);
        CompletableFuture<QueryPage> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                if (result.isDone()) {
                    return; // cancelled while waiting
                }
                try {
                    result.complete(run(domainRef, user, query, execution));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new QueriesBusyException(maxWaiting);
        }
        return new RunningQuery(result, execution);
    }

    /**
     * Runs a query for a user on the calling thread. Without {@code LIMIT} a page holds at most
     * {@code tandem.model.query.max-results} models; a larger {@code LIMIT}, or an {@code OFFSET} above
     * {@code tandem.model.query.max-offset}, is refused.
     *
     * @throws InvalidQueryException if the query is not valid, with the position of the problem
     * @throws QueryTimeoutException if it ran longer than {@code tandem.model.query.timeout-millis}
     */
    public QueryPage query(String domainRef, DomainUserView user, String text) {
        return run(domainRef, user, QueryParser.parse(text, maxResults, maxOffset), new QueryExecution(timeoutMillis));
    }

    private QueryPage run(String domainRef, DomainUserView user, SelectQuery query, QueryExecution execution) {
        running.add(execution);
        try {
            long limit = query.limit() != null ? query.limit() : maxResults;
            long offset = query.offset() != null ? query.offset() : 0;
            refresh(domainRef, query.collection(), execution);
            ModelQueryStore.Page page =
                    store.query(query, domainRef, readableBy(domainRef, user), limit, offset, execution);
            List<QueryResult> results = new ArrayList<>(page.rows().size());
            for (Row row : page.rows()) {
                results.add(new QueryResult(
                        row.modelId(),
                        query.collection(),
                        row.version(),
                        row.createdAt(),
                        row.modifiedAt(),
                        project(query, row)));
            }
            return new QueryPage(results, offset, page.total());
        } catch (QueryTimeoutException e) {
            LOG.log(Level.INFO, "query on collection {0} of domain {1} by {2} stopped after {3} ms", new Object[] {
                query.collection(), domainRef, user.username(), execution.timeoutMillis()
            });
            throw e;
        } finally {
            running.remove(execution);
        }
    }

    /**
     * The condition a model must meet for {@code user} to see it in query results: SQL over {@code m} (the
     * {@code models} row) and {@code c} (its {@code model_collections} row), with its parameters. It is the read
     * permission resolved as {@link dev.tandem.model.ModelAccess#permissionsOf} resolves it, in the database: the
     * user's entry on the model, else the user's entry on the collection, else the model's world permissions if it
     * overrides the collection's, else the collection's. Domain administrators read everything. The SQL twin of
     * {@link dev.tandem.identity.PermissionResolver.Precedence#MOST_SPECIFIC} over the model and its collection;
     * change both together.
     */
    Sql readableBy(String domainRef, DomainUserView user) {
        if (PermissionResolver.isDomainAdministrator(DomainUserId.of(user))) {
            return Sql.of("1 = 1");
        }
        String type = user.type().name();
        String name = user.username();
        String modelEntry = "SELECT 1 FROM model_user_permissions mu WHERE mu.model_ref = m.id AND mu.user_type = ? "
                + "AND mu.username = ?";
        String collectionEntry = "SELECT 1 FROM collection_user_permissions cu WHERE cu.collection_ref = c.id "
                + "AND cu.user_type = ? AND cu.username = ?";
        return Sql.of(
                "(EXISTS (" + modelEntry + " AND mu.can_read)"
                        + " OR (NOT EXISTS (" + modelEntry + ") AND EXISTS (" + collectionEntry + " AND cu.can_read))"
                        + " OR (NOT EXISTS (" + modelEntry + ") AND NOT EXISTS (" + collectionEntry + ")"
                        + " AND ((m.override_world AND m.world_can_read) OR (NOT m.override_world AND c.world_can_read))))",
                type,
                name,
                type,
                name,
                type,
                name,
                type,
                name,
                type,
                name);
    }

    private void refresh(String domainRef, String collectionId, QueryExecution execution) {
        models.fileCommitted(); // the versions that tell which models are stale move when the log is filed
        for (Stale stale : store.stale(domainRef, collectionId)) {
            execution.check(); // a first query over many new models can take a while: stop when nobody waits
            ModelState state;
            try {
                state = models.current(domainRef, stale.modelId());
            } catch (ModelNotFoundException e) {
                continue; // deleted meanwhile: its rows are gone too
            }
            synchronized (refreshLocks[Math.floorMod(stale.modelRef().hashCode(), LOCK_STRIPES)]) {
                try {
                    store.write(
                            stale.modelRef(),
                            domainRef,
                            state.version(),
                            state.modifiedAt(),
                            QueryableData.of(state.data()));
                } catch (RuntimeException e) {
                    // Typically deleted (and perhaps recreated) meanwhile; the query answers without it.
                    LOG.log(Level.FINE, "could not refresh the query data of " + stale.modelId(), e);
                }
            }
        }
    }

    static JsonObject project(SelectQuery query, Row row) {
        if (query.projections().isEmpty()) {
            return row.data();
        }
        JsonObjectBuilder data = JSON.createObjectBuilder();
        for (Projection projection : query.projections()) {
            JsonValue value;
            if (projection.field() == MetaField.ID) {
                value = JSON.createValue(row.modelId());
            } else if (projection.field() == MetaField.VERSION) {
                value = JSON.createValue(row.version());
            } else {
                value = QueryableData.at(row.data(), ((DataField) projection.field()).path());
            }
            if (value != null) {
                data.add(projection.key(), value);
            }
        }
        return data.build();
    }
}
