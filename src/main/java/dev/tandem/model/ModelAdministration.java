package dev.tandem.model;

import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.ot.tree.ModelTooLargeException;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.persistence.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Models as the admin API writes them: from plain JSON data, acting as the server (no user's permissions are
 * checked). A replacement goes through the model's single writer, here ({@link LiveModels}) or on the node that owns
 * the model ({@link ModelRelay}), so sessions that have it open receive it as a remote operation.
 */
@ApplicationScoped
public class ModelAdministration {

    @Inject
    ModelService models;

    @Inject
    ModelStore store;

    @Inject
    LiveModels live;

    @Inject
    ModelRelay relay;

    /**
     * Creates a model from plain JSON data, with no permission settings of its own.
     *
     * @return the model's id
     * @throws IllegalArgumentException if the data cannot be model data
     * @see ModelService#create(String, String, String, dev.tandem.ot.value.ObjectValue)
     */
    public String createFromPlain(String domainRef, String collectionId, String modelId, Map<String, ?> data) {
        return models.create(domainRef, collectionId, modelId, PlainData.toObject(data, PlainData.CREATION_PREFIX));
    }

    /**
     * Replaces a model's data with plain JSON data, as one operation of {@code author} (a stand-in session of the
     * administrator), logged with a new version and broadcast to every session that has the model open, exactly as a
     * session's operation.
     *
     * @return the model's version afterwards
     * @throws ModelNotFoundException if there is no such model
     * @throws IllegalArgumentException if the data cannot be model data
     */
    public long replaceData(String domainRef, String modelId, Map<String, ?> data, Collaborator author) {
        PlainData.validate(data); // refuse bad input before touching the model
        // In a cluster the model's writer may be on another node: the edit is forwarded there, as JSON. The owner may
        // unload it meanwhile (the next try may load it here), so a few tries.
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return replaceHere(domainRef, modelId, author, prefix -> PlainData.toObject(data, prefix));
            } catch (ModelOwnedElsewhereException elsewhere) {
                // The plain data crosses as JSON and is turned into the model's values there; -1 if the owner no
                // longer had the model.
                long version = relay.replace(
                        elsewhere.owner(), new ModelKey(domainRef, modelId), author, PlainData.toJson(data));
                if (version >= 0) {
                    return version;
                }
            }
        }
        throw new StoreException("model " + modelId + " kept moving between nodes while its data was replaced", null);
    }

    /**
     * Replaces a model's data through its single writer, as one operation of {@code author} (the server's stand-in
     * session): logged with a new version and broadcast to every session that has the model open, exactly as a
     * session's operation. A model nobody has open on any node is loaded here for it.
     *
     * @param data builds the new data from a value-id prefix handed to nobody else
     * @return the model's version afterwards
     * @throws ModelNotFoundException if there is no such model
     * @throws ModelSizeLimitException if the new data is over {@code tandem.model.max-size}
     * @throws ModelOwnedElsewhereException if another node of the cluster owns the model
     */
    private long replaceHere(
            String domainRef, String modelId, Collaborator author, Function<String, ObjectValue> data) {
        ModelKey key = new ModelKey(domainRef, modelId);
        // An instance may unload between being found and running the edit; a fresh one is loaded then.
        for (int attempt = 0; attempt < 5; attempt++) {
            LiveModel model = live.getOrLoad(key).orElseThrow(() -> new ModelNotFoundException(modelId));
            Long version;
            try {
                version = model.replace(author, data).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof ModelTooLargeException tooLarge) {
                    throw new ModelSizeLimitException(tooLarge);
                }
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
            if (version != null) {
                return version;
            }
        }
        throw new StoreException("model " + modelId + " kept unloading while its data was replaced", null);
    }

    /**
     * Replaces a model's data as {@link #replaceData} does, or creates the model in {@code collectionId} if it does not
     * exist (Convergence's create-or-update).
     *
     * @param collectionId the collection to create it in; if not null, an existing model must be in it
     * @return true if the model was created
     * @throws ModelNotFoundException if there is no such model and no collection is given
     * @throws ModelInOtherCollectionException if the model exists in another collection
     * @throws CollectionNotFoundException if the collection is missing and the domain does not create collections
     */
    public boolean createOrReplace(
            String domainRef, String collectionId, String modelId, Map<String, ?> data, Collaborator author) {
        PlainData.validate(data);
        while (true) {
            Optional<StoredModel> stored = store.find(domainRef, modelId);
            if (stored.isEmpty()) {
                if (collectionId == null) {
                    throw new ModelNotFoundException(modelId);
                }
                try {
                    createFromPlain(domainRef, collectionId, modelId, data);
                    return true;
                } catch (ModelAlreadyExistsException raced) {
                    continue; // created concurrently: replace its data instead
                }
            }
            if (collectionId != null && !collectionId.equals(stored.get().collectionId())) {
                throw new ModelInOtherCollectionException(modelId, stored.get().collectionId());
            }
            replaceData(domainRef, modelId, data, author);
            return false;
        }
    }
}
