package dev.tandem.model;

import dev.tandem.cluster.ClusterMembership;
import dev.tandem.model.ModelService.ModelKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where each model is: the live models this node has loaded, and, in a cluster, the claims ({@link ModelOwners}) that
 * say which node may load one. The owner of three pieces of state, and the only code that changes them:
 *
 * <ul>
 *   <li>{@code live}, at most one {@link LiveModel} per model: any thread may read it; an instance enters it only in
 *       {@link #place} and leaves it only in {@link #unloaded}, each inside the map's atomic update for the model's
 *       key, which is also where the claim is checked or given up. So a model is loaded here only while this node
 *       holds its claim, and a load never races the unload of the same model.
 *   <li>{@code owners}, the claims made under the log's current writer id: replaced only by {@link #renewClaims},
 *       while nothing loads.
 *   <li>{@code placing}, the lock that makes "nothing loads" true: a load holds it shared; {@link FenceRecovery} holds
 *       it alone ({@link #whileNothingLoads}) while it drops every model, so no model kept from before the fence can
 *       commit under the new writer id.
 * </ul>
 */
final class ModelPlacement implements FenceRecovery.Models {

    private static final Logger LOG = Logger.getLogger(ModelPlacement.class.getName());

    /** Where a model is: loaded here ({@code model}; null if there is no such model), or owned {@code elsewhere}. */
    record Placed(LiveModel model, String elsewhere) {}

    private final Map<ModelKey, LiveModel> live = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock placing = new ReentrantReadWriteLock();
    private final ModelLoader loader;
    private final LiveModel.Owner owner;
    private final ClusterMembership membership;
    private final ModelStore store;
    /** This node's writer id in the operation log: claims name it, and an unloading model releases its record. */
    private final Supplier<String> writerId;

    private volatile ModelOwners owners;

    /**
     * @param owner what the models loaded here report to when they unload
     * @param writerId the operation log's current writer id
     */
    ModelPlacement(
            ModelLoader loader,
            LiveModel.Owner owner,
            ClusterMembership membership,
            ModelStore store,
            Supplier<String> writerId) {
        this.loader = loader;
        this.owner = owner;
        this.membership = membership;
        this.store = store;
        this.writerId = writerId;
        this.owners = new ModelOwners(membership, store, writerId.get());
    }

    /**
     * The model's live instance, loaded if this node owns the model (claiming it if nobody does), or the member that
     * owns it. The claim is checked, and a claim this node made for a model that does not exist given up, inside the
     * map's atomic update for the key, as the claim of an unloading model is given up ({@link #unloaded}): a model
     * loads here only while this node holds its claim.
     */
    Placed place(ModelKey key) {
        LiveModel model = live.get(key);
        if (model != null) {
            return new Placed(model, null);
        }
        String[] elsewhere = new String[1];
        // Loading reads the database; computeIfAbsent makes concurrent openers share one load and one instance.
        placing.readLock().lock();
        try {
            model = live.computeIfAbsent(key, k -> {
                String other = owners.ownerElsewhere(k);
                if (other != null) {
                    elsewhere[0] = other;
                    return null;
                }
                LiveModel loaded = loader.load(k, owner).orElse(null);
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

    /**
     * {@code model} unloaded: it leaves the map, its writer record is cleared and its claim given up, in the map's
     * atomic update for the key, as a load checks the claim (see {@link #place}). An instance already replaced is left
     * alone.
     */
    void unloaded(LiveModel model) {
        ModelKey key = new ModelKey(model.domainRef(), model.modelId());
        live.computeIfPresent(key, (k, current) -> {
            if (current != model) {
                return current;
            }
            try {
                store.releaseModel(model.ref(), writerId.get());
            } catch (RuntimeException e) {
                // the record stays: the next node to load the model fences this one's writer (see claimModel)
                LOG.log(Level.WARNING, "clearing the writer of model " + model.modelId() + " failed", e);
            }
            owners.release(k);
            return null;
        });
    }

    /** The model's live instance, or null if it is not loaded. */
    LiveModel get(ModelKey key) {
        return live.get(key);
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

    /**
     * The member that holds the model's claim, if another member of the cluster does (see
     * {@link ModelOwners#knownOwnerElsewhere}); claims nothing.
     */
    String knownOwnerElsewhere(ModelKey key) {
        return owners.knownOwnerElsewhere(key);
    }

    /** Runs {@code work} while no model loads on this node (the loads wait for it). */
    @Override
    public void whileNothingLoads(Runnable work) {
        placing.writeLock().lock();
        try {
            work.run();
        } finally {
            placing.writeLock().unlock();
        }
    }

    /**
     * Claims from now on under the log's current writer id (the log became a new writer). Only while nothing loads
     * ({@link #whileNothingLoads}): a load must see one set of claims from its check to its end.
     */
    @Override
    public void renewClaims() {
        if (!placing.isWriteLockedByCurrentThread()) {
            throw new IllegalStateException("claims are renewed only while nothing loads");
        }
        owners = new ModelOwners(membership, store, writerId.get());
    }

    /** The models loaded now, a copy. */
    @Override
    public List<LiveModel> loaded() {
        return List.copyOf(live.values());
    }
}
