package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.tree.ModelTooLargeException;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.persistence.StoreException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Creates, opens, edits, resynchronizes, closes and deletes real-time models: the facade of the model core (their
 * past is read by {@link ModelHistory}, what the admin API writes goes through {@link ModelAdministration}). What an
 * open model does goes to its {@link LiveModel}, here or on the node that owns it ({@link ModelRouter}); what needs no
 * live model is read from or written to the {@link ModelStore} directly.
 */
@ApplicationScoped
public class ModelService {

    /** Identifies a model: its domain (the domain row's key) and its id within the domain. */
    public record ModelKey(String domainRef, String modelId) {}

    @Inject
    ModelStore store;

    @Inject
    CollectionStore collections;

    @Inject
    LiveModels live;

    @Inject
    ModelRelay relay;

    /**
     * The priority of the drain of the live models ({@link LiveModels#drain(Object)}) among the observers of the
     * application context's end: the first.
     */
    public static final int DRAIN_PRIORITY = Interceptor.Priority.PLATFORM_BEFORE;

    /**
     * The live models start with this service, as they did when it held them: their start files the log a previous
     * run left before anything here reads a model from storage.
     */
    @PostConstruct
    void start() {
        live.running(); // the first call on the bean starts it
    }

    /**
     * Creates a model at version 1, with no permission settings of its own (for the server's own use: no user's
     * permissions are checked).
     *
     * @param modelId the id to use, or null to generate one
     * @return the model's id
     * @throws ModelAlreadyExistsException if the domain has a model with that id
     * @throws CollectionNotFoundException if the collection is missing and the domain does not create collections
     * @throws ModelSizeLimitException if the data is over {@code tandem.model.max-size}
     */
    public String create(String domainRef, String collectionId, String modelId, ObjectValue data) {
        return create(domainRef, collectionId, modelId, data, ModelPermissionSettings.NOT_OVERRIDDEN);
    }

    /**
     * Creates a model at version 1 for a user, who needs the collection's create permission (a collection created on
     * demand lets everyone create). The creator gets every permission on the model unless {@code permissions} names
     * the creator (as in Convergence).
     *
     * @throws UnauthorizedException if the user may not create models in the collection
     * @see #create(String, String, String, ObjectValue)
     */
    public String create(
            String domainRef,
            String collectionId,
            String modelId,
            ObjectValue data,
            DomainUserId creator,
            ModelPermissionSettings permissions) {
        collections.collectionAccess(domainRef, collectionId).ifPresent(access -> {
            if (!ModelAccess.mayCreate(creator, access.world(), access.users())) {
                throw new UnauthorizedException("no permission to create models in collection " + collectionId);
            }
        });
        Map<DomainUserId, ModelPermissions> users = new java.util.LinkedHashMap<>();
        users.put(creator, ModelPermissions.ALL);
        users.putAll(permissions.users());
        return create(
                domainRef,
                collectionId,
                modelId,
                data,
                new ModelPermissionSettings(permissions.overrideWorld(), permissions.world(), users));
    }

    private String create(
            String domainRef,
            String collectionId,
            String modelId,
            ObjectValue data,
            ModelPermissionSettings permissions) {
        String id = modelId == null || modelId.isEmpty() ? UUID.randomUUID().toString() : modelId;
        long size = ModelTree.sizeOf(data);
        if (size > live.maxSize()) {
            throw new ModelSizeLimitException(new ModelTooLargeException(size, live.maxSize()));
        }
        Optional<StoredModel> created;
        try {
            created = store.create(domainRef, collectionId, id, data, Instant.now(), permissions);
        } catch (StoreException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // A concurrent create inserted the same model or collection first and its transaction has committed
            // (the database held our insert until it did): a second attempt sees that row.
            created = store.create(domainRef, collectionId, id, data, Instant.now(), permissions);
        }
        if (created.isEmpty()) {
            throw new ModelAlreadyExistsException(id);
        }
        return id;
    }

    /**
     * What {@code user} may do with a model now.
     *
     * @throws ModelNotFoundException if there is no such model
     */
    public ModelPermissions permissions(String domainRef, String modelId, DomainUserId user) {
        return access(domainRef, modelId).permissionsOf(user);
    }

    /**
     * The model's own permission settings; the user needs read permission.
     *
     * @throws ModelNotFoundException if there is no such model
     * @throws UnauthorizedException if the user may not read the model
     */
    public ModelPermissionSettings permissionSettings(String domainRef, String modelId, DomainUserId user) {
        ModelAccess access = access(domainRef, modelId);
        if (!access.permissionsOf(user).read()) {
            throw new UnauthorizedException("no permission to read model " + modelId);
        }
        return access.model();
    }

    /**
     * Changes a model's permission settings; the user needs manage permission. Every session with the model open
     * whose permissions change hears it, and those that lose read are force-closed.
     *
     * @throws ModelNotFoundException if there is no such model
     * @throws UnauthorizedException if the user may not manage the model
     */
    public ModelPermissionSettings changePermissions(
            String domainRef, String modelId, DomainUserId user, ModelPermissionChange change) {
        StoredModel stored = store.find(domainRef, modelId).orElseThrow(() -> new ModelNotFoundException(modelId));
        ModelAccess access =
                collections.modelAccess(stored.ref()).orElseThrow(() -> new ModelNotFoundException(modelId));
        if (user != null && !access.permissionsOf(user).manage()) {
            throw new UnauthorizedException("no permission to manage model " + modelId);
        }
        ModelPermissionSettings changed = collections.changeModelPermissions(stored.ref(), domainRef, change);
        ModelKey key = new ModelKey(domainRef, modelId);
        LiveModel model = live.get(key);
        if (model != null) {
            model.permissionsChanged();
        }
        relay.permissionsChanged(key); // wherever else in the cluster the model is open
        return changed;
    }

    /**
     * The model's own permission settings, for an administrator (no permission is checked).
     *
     * @throws ModelNotFoundException if there is no such model
     */
    public ModelPermissionSettings permissionSettings(String domainRef, String modelId) {
        return access(domainRef, modelId).model();
    }

    /**
     * A page of the domain's models (of one collection unless {@code collectionId} is null), by id, as last
     * committed.
     */
    public List<ModelMetadata> list(String domainRef, String collectionId, int offset, int limit) {
        fileCommitted();
        return store.list(domainRef, collectionId, offset, limit).stream()
                .map(m -> new ModelMetadata(m.modelId(), m.collectionId(), m.version(), m.createdAt(), m.modifiedAt()))
                .toList();
    }

    /** What a list of models shows of each. */
    public record ModelMetadata(
            String modelId, String collectionId, long version, Instant createdAt, Instant modifiedAt) {}

    /** A collection's permissions changed: the models of it that are open resolve their sessions' again. */
    void collectionPermissionsChanged(String domainRef, String collectionId) {
        live.router().collectionPermissionsChanged(domainRef, collectionId);
        relay.collectionPermissionsChanged(domainRef, collectionId); // and on the other nodes
    }

    private ModelAccess access(String domainRef, String modelId) {
        StoredModel stored = store.find(domainRef, modelId).orElseThrow(() -> new ModelNotFoundException(modelId));
        return collections.modelAccess(stored.ref()).orElseThrow(() -> new ModelNotFoundException(modelId));
    }

    /** True if the model exists in storage. */
    public boolean exists(String domainRef, String modelId) {
        return live.isLoaded(new ModelKey(domainRef, modelId))
                || store.find(domainRef, modelId).isPresent();
    }

    /**
     * Opens a model for a participant. The outcome arrives on the participant: {@code opened} or {@code openFailed}
     * ({@code model_not_found}); from then on it receives the model's events until it closes.
     */
    public void open(String domainRef, String modelId, ModelParticipant participant) {
        live.router().open(new ModelKey(domainRef, modelId), participant);
    }

    /** Submits an operation of an open participant; acknowledged or force-closed through the participant. */
    public void submit(
            String domainRef,
            String modelId,
            ModelParticipant participant,
            int sequenceNumber,
            long contextVersion,
            Operation operation) {
        live.router().submit(new ModelKey(domainRef, modelId), participant, sequenceNumber, contextVersion, operation);
    }

    /** Closes the model for a participant on the server's initiative, after its earlier operations were acknowledged. */
    public void forceClose(
            String domainRef, String modelId, ModelParticipant participant, ForceCloseReason reason, String message) {
        live.router().forceClose(new ModelKey(domainRef, modelId), participant, reason, message);
    }

    /** A reference change of an open participant. */
    public void reference(String domainRef, String modelId, ModelParticipant participant, ReferenceEvent event) {
        live.router().reference(new ModelKey(domainRef, modelId), participant, event);
    }

    /**
     * Closes the model for a participant; with {@code reply} the participant hears {@code closed()} after every
     * earlier operation of it was acknowledged.
     */
    public void close(String domainRef, String modelId, ModelParticipant participant, boolean reply) {
        live.router().close(new ModelKey(domainRef, modelId), participant, reply);
    }

    /**
     * Deletes a model for a user, who needs remove permission.
     *
     * @return false if there was no such model
     * @throws UnauthorizedException if the user may not remove the model
     * @see #delete(String, String)
     */
    public boolean delete(String domainRef, String modelId, DomainUserId user) {
        Optional<StoredModel> stored = store.find(domainRef, modelId);
        if (stored.isEmpty()) {
            return false;
        }
        ModelAccess access = collections.modelAccess(stored.get().ref()).orElse(null);
        if (access != null && !access.permissionsOf(user).remove()) {
            throw new UnauthorizedException("no permission to remove model " + modelId);
        }
        return delete(domainRef, modelId);
    }

    /**
     * Deletes a model; every session that has it open is force-closed with {@link ForceCloseReason#DELETED}.
     *
     * @return false if there was no such model
     */
    public boolean delete(String domainRef, String modelId) {
        ModelKey key = new ModelKey(domainRef, modelId);
        LiveModel model = live.get(key);
        if (model != null) {
            model.delete().join();
            return true;
        }
        if (live.router().deleteElsewhere(key)) {
            return true;
        }
        return store.delete(domainRef, modelId);
    }

    /**
     * Resynchronizes a participant whose session reconnected and still has the model at {@code contextVersion}:
     * {@code resyncStarted}, the operations it missed, then live ones; or {@code openFailed} ({@code model_not_found}
     * if the model was deleted meanwhile). It completes with {@link #resyncComplete}.
     */
    public void resync(String domainRef, String modelId, ModelParticipant participant, long contextVersion) {
        live.router().resync(new ModelKey(domainRef, modelId), participant, contextVersion);
    }

    /**
     * The client of a resynchronizing participant caught up (and resent its unacknowledged operations): with
     * {@code open} it becomes a collaborator again, otherwise it is closed. Either way it hears
     * {@code resyncCompleted}, unless the model was closed for it meanwhile.
     */
    public void resyncComplete(String domainRef, String modelId, ModelParticipant participant, boolean open) {
        live.router().resyncComplete(new ModelKey(domainRef, modelId), participant, open);
    }

    /**
     * The model's current state: from its writer if it is open on this node (so it matches its version), otherwise
     * from storage.
     *
     * @throws ModelNotFoundException if there is no such model
     */
    public ModelState current(String domainRef, String modelId) {
        LiveModel model = live.get(new ModelKey(domainRef, modelId));
        if (model != null) {
            ModelState state = model.state().join();
            if (state != null) {
                return state;
            }
        }
        fileCommitted(); // so the row's version is where the replay ends
        StoredModel stored = store.find(domainRef, modelId).orElseThrow(() -> new ModelNotFoundException(modelId));
        ModelLoader.Replayed replayed = live.replay(stored);
        return new ModelState(
                modelId,
                stored.collectionId(),
                replayed.version(),
                stored.createdAt(),
                replayed.modifiedAt(),
                replayed.tree().toValue());
    }

    /**
     * The model's version as last committed, or empty if it does not exist: one row read (after filing what waits),
     * for checking whether a copy a client keeps offline is out of date.
     */
    public OptionalLong committedVersion(String domainRef, String modelId) {
        fileCommitted();
        return store.find(domainRef, modelId)
                .map(stored -> OptionalLong.of(stored.version()))
                .orElse(OptionalLong.empty());
    }

    /**
     * A copy of the model for a client to keep offline: its current state and a value-id prefix handed to nobody
     * else, so values the client creates while offline never collide with anyone's.
     *
     * @throws ModelNotFoundException if there is no such model
     */
    public OfflineCopy offlineCopy(String domainRef, String modelId) {
        StoredModel stored = store.find(domainRef, modelId).orElseThrow(() -> new ModelNotFoundException(modelId));
        String prefix = Long.toString(store.nextValueIdPrefix(stored.ref()), Character.MAX_RADIX);
        return new OfflineCopy(current(domainRef, modelId), prefix);
    }

    /**
     * Files every operation acknowledged so far, on any node, so that what the stores read next includes it: a
     * model's version row, its log, and the versions queries compare. Costs nothing when nothing waits.
     */
    public void fileCommitted() {
        live.log().flush();
    }

    /** See {@link #offlineCopy}. */
    public record OfflineCopy(ModelState state, String valueIdPrefix) {}

    /** How many models are open on this node. */
    public int openModels() {
        return live.size();
    }

    /**
     * How many sessions of this node have a model open through another node of the cluster, and how many sessions of
     * other nodes have a model open through this one.
     */
    public ModelRelay.Counts relayCounts() {
        return relay.counts();
    }

    /** What this node's relay sent to and received from other nodes since it started. */
    public ModelRelay.Traffic relayTraffic() {
        return relay.traffic();
    }

    /** How the operation log's commits have been shared so far: transactions, model batches, operations. */
    public LogCounts operationLogCounts() {
        return live.log().counts();
    }
}
