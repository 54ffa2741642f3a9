package dev.tandem.model;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.ot.operation.Operation;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live models of this node and what they run on. At most one {@link LiveModel} per model, loaded on demand (by
 * the {@link ModelLoader}) and dropped when it unloads: any thread may look one up, and concurrent loads of one model
 * share one instance. Their single writers run on one thread pool, and commit through one {@link OperationLog} for
 * every model of the node, so that busy models share their commits. On an orderly stop they drain first
 * ({@link #drain(Object)}).
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
     * How many group commits of the operation log may run at once: 1 for an embedded database, which commits one
     * transaction at a time anyway; more lets a database server overlap its flushes to disk. Each round and the one
     * filing take a connection of the log's pool ({@link DatabaseSchema#LOG_POOL_SIZE}), so at most one fewer than
     * that pool has; a larger value is lowered to that, with a warning, since a round waiting for a connection would
     * only hold its models' acknowledgements.
     */
    @Inject
    @ConfigProperty(name = "tandem.model.commit-rounds", defaultValue = "1")
    int commitRounds;

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

    private final Map<ModelKey, LiveModel> live = new ConcurrentHashMap<>();
    private final LiveModel.Owner owner = new Owner();
    private ThreadPoolExecutor writers;
    private OperationLog operationLog;
    private ScheduledThreadPoolExecutor timers;
    private ModelLoader loader;
    private volatile ModelOwners owners;
    // Loads hold it shared; a node recovering from a fence holds it alone while it drops its models (recoverFromFence).
    private final ReentrantReadWriteLock placing = new ReentrantReadWriteLock();

    @PostConstruct
    void start() {
        // Managed threads carry the application's context (JNDI, transactions) once, at creation: no per-task capture.
        writers = new ThreadPoolExecutor(
                writerThreads,
                writerThreads,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                worker -> threadFactory.newThread(() -> {
                    try {
                        checkTransactionsEnlistConnections();
                    } finally {
                        worker.run(); // the pool's worker loop, with the task that made the pool start this thread
                    }
                }));
        // One log for every model on this node, so that busy models share their commits.
        // On an embedded H2, filing runs alone and is followed by compacting the file (OperationLog, H2FileCompaction).
        if (databaseUrl == null) databaseUrl = connectedDatabaseUrl();
        boolean h2 = databaseUrl.startsWith("jdbc:h2:");
        H2FileCompaction compaction = h2Compaction ? H2FileCompaction.forDatabase(databaseUrl, logDataSource) : null;
        operationLog = new OperationLog(
                store, writers, allowedCommitRounds(commitRounds), commitOverlap.orElse(!h2), h2, compaction);
        // Before any model opens: this node becomes the log's writer, and what a previous run committed and did not
        // file is filed now, so reads see it. A cluster's nodes are not alone: each fences only the nodes whose
        // models it takes over.
        operationLog.start(nodeName(), !clustered);
        owners = new ModelOwners(membership, store, operationLog.writerId());
        operationLog.whenFenced(this::recoverFromFence);
        // Idle timers only enqueue a task on their model; cancelled ones are not kept.
        timers = new ScheduledThreadPoolExecutor(1, threadFactory);
        timers.setRemoveOnCancelPolicy(true);
        loader = new ModelLoader(
                new ModelContext(store, operationLog, writers),
                collections,
                timers,
                compaction,
                new ModelLoader.Limits(maxSize, keptHistory, Duration.ofMillis(Math.max(0, idleUnloadMillis))));
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
     * Logs {@value #NOT_ENLISTED} (SEVERE) if a JTA transaction on this thread gets a connection the container has not
     * enlisted in it. That happened to a writer created, through the filing timer's thread, in the start-up context:
     * every {@code @Transactional} method it ran committed statement by statement, silently. The compatibility suite
     * fails on this line.
     */
    private void checkTransactionsEnlistConnections() {
        try {
            if (!store.transactionsEnlistConnections()) {
                LOG.severe(() -> NOT_ENLISTED + " on model writer thread "
                        + Thread.currentThread().getName()
                        + ": its transactions run in auto-commit mode, so what they write is not atomic");
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "could not check the transactions of model writer thread "
                            + Thread.currentThread().getName(),
                    e);
        }
    }

    /** What {@link #checkTransactionsEnlistConnections()} logs when the check fails. */
    private static final String NOT_ENLISTED = "connections not enlisted in JTA transactions";

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
                live.values().stream().map(LiveModel::state).toArray(CompletableFuture[]::new);
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
        timers.shutdownNow();
        writers.shutdown();
        try {
            if (!writers.awaitTermination(10, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the writers run: from the first use of this bean until the application stops. */
    boolean running() {
        return !writers.isShutdown();
    }

    /** The model's live instance, or null if it is not loaded. */
    LiveModel get(ModelKey key) {
        return live.get(key);
    }

    /**
     * The model's live instance, loaded if need be; empty if there is no such model.
     *
     * @throws ModelOwnedElsewhereException if another node of the cluster owns the model
     */
    Optional<LiveModel> getOrLoad(ModelKey key) {
        Placed placed = place(key);
        if (placed.elsewhere() != null) {
            throw new ModelOwnedElsewhereException(key.modelId(), placed.elsewhere());
        }
        return Optional.ofNullable(placed.model());
    }

    /** Where a model is: loaded here ({@code model}; null if there is no such model), or owned {@code elsewhere}. */
    private record Placed(LiveModel model, String elsewhere) {}

    /**
     * The model's live instance, loaded if this node owns the model (claiming it if nobody does), or the member that
     * owns it. The claim is checked, and a claim this node made for a model that does not exist given up, inside the
     * map's atomic update for the key, as the claim of an unloading model is given up ({@link Owner#unloaded}): a
     * model loads here only while this node holds its claim.
     */
    private Placed place(ModelKey key) {
        LiveModel model = live.get(key);
        if (model != null) {
            return new Placed(model, null);
        }
        String[] elsewhere = new String[1];
        // Loading reads the database; computeIfAbsent makes concurrent openers share one load and one instance.
        placing.readLock().lock();
        try {
            model = live.computeIfAbsent(key, k -> {
                String owner = owners.ownerElsewhere(k);
                if (owner != null) {
                    elsewhere[0] = owner;
                    return null;
                }
                LiveModel loaded = loader.load(k, this.owner).orElse(null);
                if (loaded == null) {
                    owners.release(k);
                }
                return loaded;
            });
        } finally {
            placing.readLock().unlock();
        }
        return new Placed(model, model == null ? elsewhere[0] : null);
    }

    boolean isLoaded(ModelKey key) {
        return live.containsKey(key);
    }

    Collection<LiveModel> all() {
        return live.values();
    }

    int size() {
        return live.size();
    }

    /** See {@link ModelService#open}: here, or through the node that owns the model. */
    void open(ModelKey key, ModelParticipant participant) {
        Placed placed = place(key);
        if (placed.elsewhere() != null) {
            relay.open(placed.elsewhere(), key, participant);
        } else {
            openHere(placed, key, participant);
        }
    }

    /** Opens the model for a participant if this node owns it; false, doing nothing, if another node does. */
    boolean openHere(ModelKey key, ModelParticipant participant) {
        Placed placed = place(key);
        if (placed.elsewhere() != null) {
            return false;
        }
        openHere(placed, key, participant);
        return true;
    }

    private static void openHere(Placed placed, ModelKey key, ModelParticipant participant) {
        if (placed.model() == null) {
            participant.openFailed(new ModelNotFoundException(key.modelId()));
        } else {
            placed.model().open(participant);
        }
    }

    /** See {@link ModelService#resync}: here, or through the node that owns the model. */
    void resync(ModelKey key, ModelParticipant participant, long contextVersion) {
        Placed placed = place(key);
        if (placed.elsewhere() != null) {
            relay.resync(placed.elsewhere(), key, participant, contextVersion);
        } else {
            resyncHere(placed, key, participant, contextVersion);
        }
    }

    /** Resynchronizes a participant if this node owns the model; false, doing nothing, if another node does. */
    boolean resyncHere(ModelKey key, ModelParticipant participant, long contextVersion) {
        Placed placed = place(key);
        if (placed.elsewhere() != null) {
            return false;
        }
        resyncHere(placed, key, participant, contextVersion);
        return true;
    }

    private static void resyncHere(Placed placed, ModelKey key, ModelParticipant participant, long contextVersion) {
        if (placed.model() == null) {
            participant.openFailed(new ModelNotFoundException(key.modelId()));
        } else {
            placed.model().resync(participant, contextVersion);
        }
    }

    /** See {@link ModelService#submit}. */
    void submit(ModelKey key, ModelParticipant participant, int sequenceNumber, long contextVersion, Operation op) {
        if (relay.submit(participant, sequenceNumber, contextVersion, op)) {
            return;
        }
        LiveModel model = live.get(key);
        if (model == null) {
            participant.forceClosed(ForceCloseReason.UNKNOWN, "the model is not open");
            return;
        }
        model.submit(participant, sequenceNumber, contextVersion, op);
    }

    /** See {@link ModelService#forceClose}. */
    void forceClose(ModelKey key, ModelParticipant participant, ForceCloseReason reason, String message) {
        if (relay.forceClose(participant, reason, message)) {
            return;
        }
        LiveModel model = live.get(key);
        if (model == null) {
            participant.forceClosed(reason, message);
            return;
        }
        model.forceClose(participant, reason, message);
    }

    /** See {@link ModelService#reference}. */
    void reference(ModelKey key, ModelParticipant participant, ReferenceEvent event) {
        if (relay.reference(participant, event)) {
            return;
        }
        LiveModel model = live.get(key);
        if (model != null) {
            model.reference(participant, event);
        }
    }

    /** See {@link ModelService#close}. */
    void close(ModelKey key, ModelParticipant participant, boolean reply) {
        if (relay.close(participant, reply)) {
            return;
        }
        LiveModel model = live.get(key);
        if (model == null) {
            if (reply) {
                participant.closed();
            }
            return;
        }
        model.close(participant, reply);
    }

    /** See {@link ModelService#resyncComplete}. */
    void resyncComplete(ModelKey key, ModelParticipant participant, boolean open) {
        if (relay.resyncComplete(participant, open)) {
            return;
        }
        LiveModel model = live.get(key);
        if (model == null) {
            if (!open) {
                participant.resyncCompleted(ResyncedModel.CLOSED);
            }
            return;
        }
        model.resyncComplete(participant, open);
    }

    /**
     * This node's writer was fenced: another node took over models it had (it was paused, or cut off, past the
     * cluster's failure timeout). Every model loaded here is dropped (its sessions hear that its owner is lost and
     * resynchronize, which places each model again), then the log becomes a new writer. No model loads meanwhile: one
     * kept from before could otherwise commit under the new writer while another node writes it too.
     */
    private void recoverFromFence() {
        placing.writeLock().lock();
        try {
            List<LiveModel> stale = List.copyOf(live.values());
            CompletableFuture<?>[] dropped =
                    stale.stream().map(LiveModel::fence).toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(dropped).get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // A model that did not drop could commit under a new writer: this node stays fenced (it can read,
                // and commits nothing) until it restarts.
                LOG.log(
                        Level.SEVERE,
                        "this node's writer was fenced and its models did not all close; it stays"
                                + " fenced (restart it)",
                        e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            operationLog.restart(nodeName());
            owners = new ModelOwners(membership, store, operationLog.writerId());
            LOG.log(
                    Level.WARNING,
                    "This node''s operation log writer was fenced (another node took its models over while it was"
                            + " unreachable): it closed {0} model(s), whose sessions resynchronize, and writes again"
                            + " as writer {1}",
                    new Object[] {stale.size(), operationLog.writerId()});
        } finally {
            placing.writeLock().unlock();
        }
    }

    /** A collection's permissions changed: its models open here resolve their sessions' again. */
    void collectionPermissionsChanged(String domainRef, String collectionId) {
        for (LiveModel model : live.values()) {
            if (model.domainRef().equals(domainRef) && model.collectionId().equals(collectionId)) {
                model.permissionsChanged();
            }
        }
    }

    /** The model's permissions changed: if it is open here, its sessions' are resolved again. */
    void permissionsChanged(ModelKey key) {
        LiveModel model = live.get(key);
        if (model != null) {
            model.permissionsChanged();
        }
    }

    /**
     * Deletes the model through the node that has it open, if another node does: its sessions there are force-closed.
     *
     * @return true if that node deleted it; false if no other node has it open (or it did not answer in time), and the
     *     caller deletes it from storage
     */
    boolean deleteElsewhere(ModelKey key) {
        String owner = owners.knownOwnerElsewhere(key);
        return owner != null && relay.delete(owner, key);
    }

    /** The model writers' pool, which other work of the model core may borrow threads of. */
    Executor pool() {
        return writers;
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

    /** Drops the instances that unload, and sends the requests that reached one too late to a fresh one. */
    private final class Owner implements LiveModel.Owner {

        @Override
        public void unloaded(LiveModel model) {
            // In the map's atomic update for the key, as a load checks the claim (see place).
            live.computeIfPresent(keyOf(model), (key, current) -> {
                if (current != model) {
                    return current;
                }
                try {
                    store.releaseModel(model.ref(), operationLog.writerId());
                } catch (RuntimeException e) {
                    // the record stays: the next node to load the model fences this one's writer (see claimModel)
                    LOG.log(Level.WARNING, "clearing the writer of model " + model.modelId() + " failed", e);
                }
                owners.release(key);
                return null;
            });
        }

        @Override
        public void open(LiveModel gone, ModelParticipant participant) {
            LiveModels.this.open(keyOf(gone), participant);
        }

        @Override
        public void resync(LiveModel gone, ModelParticipant participant, long contextVersion) {
            LiveModels.this.resync(keyOf(gone), participant, contextVersion);
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
