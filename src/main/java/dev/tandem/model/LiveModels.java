package dev.tandem.model;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.model.ModelPlacement.Placed;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.persistence.DatabaseSchema;
import dev.tandem.persistence.H2FileCompaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live models of this node and what they run on: the entry of the model core's calls on a model, which go to the
 * model's {@link LiveModel} here or, through the {@link ModelRelay}, to the node that owns it. It holds no model state
 * itself; it starts the parts that do, which can be read alone:
 *
 * <ul>
 *   <li>{@link ModelThreads}: the writers' thread pool, on which each model's single writer runs, and the idle timers;
 *   <li>the node's {@link OperationLog}, through which every model of the node commits, so that busy models share
 *       their commits;
 *   <li>{@link ModelPlacement}: which models are loaded here (at most one instance per model, loaded on demand by the
 *       {@link ModelLoader} and dropped when it unloads) and, in a cluster, the claims that say which node may load
 *       one;
 *   <li>{@link FenceRecovery}: what the node does when another node fenced its log's writer.
 * </ul>
 *
 * <p>Any thread may call it. On an orderly stop the models drain first ({@link #drain(Object)}).
 */
@ApplicationScoped
public class LiveModels {

    private static final Logger LOG = Logger.getLogger(LiveModels.class.getName());

    @Inject
    ModelStore store;

    @Inject
    CollectionStore collections;

    @Inject
    ClusterMembership membership;

    /** Forwards to the owner what sessions of this node do with a model another node owns (see {@link ModelOwners}). */
    @Inject
    ModelRelay relay;

    /** The log's data source, for what runs beside the log on the same database (the H2 file's compaction). */
    @Resource(lookup = DatabaseSchema.LOG_DATA_SOURCE)
    DataSource logDataSource;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "tandem.model.writer-threads", defaultValue = "4")
    int writerThreads;

    /**
     * How long a model stays loaded after its last session left, so that a quick reopen (a page reload, a reconnect)
     * finds it in memory; 0 unloads at once.
     */
    @Inject
    @ConfigProperty(name = "tandem.model.idle-unload-millis", defaultValue = "5000")
    long idleUnloadMillis;

    /**
     * How many group commits of the operation log may run at once; unset, 1. An embedded database commits one
     * transaction at a time anyway; a database server overlaps their flushes to disk, and with more than one round a
     * busy model hands the log its next round while its previous one still commits ({@link ModelWriter}: pipelined
     * commits). On a quiet 2-core machine with PostgreSQL on local disk that was no faster (bench/README.md), so it is
     * not the default; where a commit waits longer for its disk, it is the setting to try. Each round and the one
     * filing take a connection of the log's pool ({@link DatabaseSchema#LOG_POOL_SIZE}), so at most one fewer than
     * that pool has; a larger value is lowered to that, with a warning, since a round waiting for a connection would
     * only hold its models' acknowledgements.
     */
    @Inject
    @ConfigProperty(name = "tandem.model.commit-rounds")
    Optional<Integer> commitRounds;

    /**
     * Whether a model's next batch commits on another thread while its writer sends the previous batch's
     * acknowledgements. Unset: yes for a database server (a commit mostly waits for its flush to disk), no for the
     * embedded H2 (a commit needs the CPU the sending needs, and the hand-off only adds latency).
     */
    @Inject
    @ConfigProperty(name = "tandem.model.commit-overlap")
    Optional<Boolean> commitOverlap;

    /**
     * Whether this node is one of a cluster. Alone, it fences every other writer of the operation log when it starts
     * (see {@link ModelStore#registerWriter}).
     */
    @Inject
    @ConfigProperty(name = "tandem.cluster.enabled", defaultValue = "false")
    boolean clustered;

    /**
     * How many of a loaded model's latest operations stay in memory for transforming what clients submit. A client
     * working on an older version (one that has not submitted for that long, such as a reader) gets the operations it
     * misses from the database instead of pinning every operation since it opened the model in memory. At least
     * {@link ModelWriter#MIN_KEPT_HISTORY}, so that everything no longer in memory is committed.
     */
    @Inject
    @ConfigProperty(name = "tandem.model.kept-history", defaultValue = "10000")
    int keptHistory;

    /**
     * The largest a model's data may be ({@link ModelTree#size()}: characters of text, property names and value ids,
     * plus 16 per value). New data over it is refused with {@code model_too_large}; an operation that would grow a
     * model past it is refused and the model closed for its sender. 16 Mi by default: a model is held in memory whole
     * while open, and replayed whole on every load.
     */
    @Inject
    @ConfigProperty(name = "tandem.model.max-size", defaultValue = "16777216")
    long maxSize;

    /**
     * The URL of the database the log's connections reach, read from the connection (not from {@code tandem.db.url}):
     * on Payara Server and WildFly the data source is the server's, whatever the configuration says. Set by tests.
     */
    String databaseUrl;

    /**
     * Whether an embedded H2's file is compacted while the server runs ({@link H2FileCompaction}); off, it grows
     * under sustained load until a restart.
     */
    @Inject
    @ConfigProperty(name = "tandem.db.h2-compaction", defaultValue = "true")
    boolean h2Compaction;

    private final LiveModel.Owner owner = new Owner();
    private ModelThreads threads;
    private OperationLog operationLog;
    private ModelLoader loader;
    private ModelPlacement placement;
    private ModelRouter router;

    @PostConstruct
    void start() {
        threads = new ModelThreads(threadFactory, writerThreads, store);
        // One log for every model on this node, so that busy models share their commits.
        // On an embedded H2, filing runs alone and is followed by compacting the file (OperationLog, H2FileCompaction).
        if (databaseUrl == null) databaseUrl = connectedDatabaseUrl();
        boolean h2 = databaseUrl.startsWith("jdbc:h2:");
        H2FileCompaction compaction = h2Compaction ? H2FileCompaction.forDatabase(databaseUrl, logDataSource) : null;
        operationLog = new OperationLog(
                store,
                threads.writers(),
                allowedCommitRounds(commitRounds.orElse(1)),
                commitOverlap.orElse(!h2),
                h2,
                compaction);
        // Before any model opens: this node becomes the log's writer, and what a previous run committed and did not
        // file is filed now, so reads see it. A cluster's nodes are not alone: each fences only the nodes whose
        // models it takes over.
        operationLog.start(nodeName(), !clustered);
        loader = new ModelLoader(
                new ModelContext(store, operationLog, threads.writers()),
                collections,
                threads.timers(),
                compaction,
                new ModelLoader.Limits(maxSize, keptHistory, Duration.ofMillis(Math.max(0, idleUnloadMillis))));
        placement = new ModelPlacement(loader, owner, membership, store, operationLog::writerId);
        router = new ModelRouter(placement, relay);
        operationLog.whenFenced(
                new FenceRecovery(placement, operationLog, nodeName(), DRAIN_TIMEOUT, FENCE_RECOVERY_RETRY));
    }

    static int allowedCommitRounds(int configured) {
        int most = DatabaseSchema.LOG_POOL_SIZE - 1;
        if (configured > most) {
            LOG.warning(() -> "tandem.model.commit-rounds is " + configured
                    + "; the operation log's pool allows at most " + most + " rounds at once, so " + most + " it is");
            return most;
        }
        return configured;
    }

    /**
     * First step of an orderly stop (SIGTERM: Payara Micro undeploys the application, and the application context is
     * about to be destroyed): no model applies a submitted operation any more, and this waits until every operation
     * applied so far is committed and acknowledged, so that the acknowledgements leave before the sockets close
     * (the {@code ConnectionRegistry} closes them next: its observer of this event has a later priority). An
     * operation committed but never acknowledged is what the rc.12 client cannot resynchronize (it closes the
     * model); one never applied it simply sends again after it reconnects. The wait is bounded, so a database that
     * hangs cannot hold the stop: what is still committing then is what a crash would leave.
     */
    void drain(
            @Observes(notifyObserver = Reception.IF_EXISTS)
                    @Priority(ModelService.DRAIN_PRIORITY)
                    @BeforeDestroyed(ApplicationScoped.class)
                    Object ignored) {
        drain(DRAIN_TIMEOUT);
    }

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    /** How long the loads that waited for a fence recovery that did not finish go on before it tries again. */
    private static final Duration FENCE_RECOVERY_RETRY = Duration.ofSeconds(1);

    /**
     * Stops applying submitted operations and waits, at most {@code timeout}, until each live model has committed and
     * acknowledged what it applied.
     *
     * @return whether every model got there in time
     */
    boolean drain(Duration timeout) {
        operationLog.stopTakingOperations();
        // A read runs on a model's writer after every operation applied before it is committed and acknowledged.
        CompletableFuture<?>[] settled =
                placement.all().stream().map(LiveModel::state).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(settled).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.log(
                    Level.INFO,
                    "stopping: {0} open models committed and acknowledged what they applied",
                    settled.length);
            return true;
        } catch (TimeoutException e) {
            LOG.log(
                    Level.WARNING,
                    "stopping: open models still committing after {0} s; closing anyway",
                    timeout.toSeconds());
        } catch (ExecutionException e) {
            // A model whose commit failed closed its sessions itself; nothing of it was acknowledged.
            LOG.log(Level.FINE, "stopping: a model failed while it drained", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private String connectedDatabaseUrl() {
        try (Connection connection = logDataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("The database is not reachable: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        threads.stop();
    }

    /** True while the writers run: from the first use of this bean until the application stops. */
    boolean running() {
        return threads.running();
    }

    /** The model's live instance, or null if it is not loaded. */
    LiveModel get(ModelKey key) {
        return placement.get(key);
    }

    /**
     * The model's live instance, loaded if need be; empty if there is no such model.
     *
     * @throws ModelOwnedElsewhereException if another node of the cluster owns the model
     */
    Optional<LiveModel> getOrLoad(ModelKey key) {
        Placed placed = placement.place(key);
        if (placed.elsewhere() != null) {
            throw new ModelOwnedElsewhereException(key.modelId(), placed.elsewhere());
        }
        return Optional.ofNullable(placed.model());
    }

    boolean isLoaded(ModelKey key) {
        return placement.isLoaded(key);
    }

    int size() {
        return placement.size();
    }

    /** Where a session's calls on a model go: to the live model here, or through the relay to its owner. */
    ModelRouter router() {
        return router;
    }

    /** The model writers' pool, which other work of the model core may borrow threads of. */
    Executor pool() {
        return threads.writers();
    }

    /** The node's operation log. */
    OperationLog log() {
        return operationLog;
    }

    /** A stored model at its latest version, for reading it without loading it. */
    ModelLoader.Replayed replay(StoredModel stored) {
        return loader.replay(stored);
    }

    /** The largest a model's data may be ({@code tandem.model.max-size}). */
    long maxSize() {
        return maxSize;
    }

    /**
     * Hands the instances that unload to the placement, which drops them, and the requests that reached one too late
     * to the router, which places them again.
     */
    private final class Owner implements LiveModel.Owner {

        @Override
        public void unloaded(LiveModel model) {
            placement.unloaded(model);
        }

        @Override
        public void open(LiveModel gone, ModelParticipant participant) {
            router.open(keyOf(gone), participant);
        }

        @Override
        public void resync(LiveModel gone, ModelParticipant participant, long contextVersion) {
            router.resync(keyOf(gone), participant, contextVersion);
        }

        private static ModelKey keyOf(LiveModel model) {
            return new ModelKey(model.domainRef(), model.modelId());
        }
    }

    /**
     * This node as the log's writer row shows it to operators: its cluster member id and address (no name look-up,
     * which can wait for DNS at start).
     */
    private String nodeName() {
        ClusterMember local = membership.local();
        return local.address() == null ? "member " + local.id() : "member " + local.id() + " at " + local.address();
    }
}
