package dev.tandem.model;

import dev.tandem.model.ModelService.ModelKey;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live models of this node: at most one {@link LiveModel} per model, loaded on demand and dropped when it
 * unloads. Thread-safe: any thread may look a model up; concurrent loads of one model share one instance.
 */
final class LiveModels implements LiveModel.Owner {

    private final Map<ModelKey, LiveModel> live = new ConcurrentHashMap<>();
    private final ModelLoader loader;

    LiveModels(ModelLoader loader) {
        this.loader = loader;
    }

    /** The model's live instance, or null if it is not loaded. */
    LiveModel get(ModelKey key) {
        return live.get(key);
    }

    /** The model's live instance, loaded if need be; empty if there is no such model. */
    Optional<LiveModel> getOrLoad(ModelKey key) {
        LiveModel model = live.get(key);
        if (model != null) {
            return Optional.of(model);
        }
        // Loading reads the database; computeIfAbsent makes concurrent openers share one load and one instance.
        return Optional.ofNullable(live.computeIfAbsent(key, k -> loader.load(k, this).orElse(null)));
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

    /** See {@link ModelService#open}. */
    void open(ModelKey key, ModelParticipant participant) {
        Optional<LiveModel> model = getOrLoad(key);
        if (model.isEmpty()) {
            participant.openFailed("model_not_found", "no model " + key.modelId());
            return;
        }
        model.get().open(participant);
    }

    /** See {@link ModelService#resync}. */
    void resync(ModelKey key, ModelParticipant participant, long contextVersion) {
        Optional<LiveModel> model = getOrLoad(key);
        if (model.isEmpty()) {
            participant.openFailed("model_not_found", "no model " + key.modelId());
            return;
        }
        model.get().resync(participant, contextVersion);
    }

    @Override
    public void unloaded(LiveModel model) {
        live.remove(keyOf(model), model);
    }

    @Override
    public void open(LiveModel gone, ModelParticipant participant) {
        open(keyOf(gone), participant);
    }

    @Override
    public void resync(LiveModel gone, ModelParticipant participant, long contextVersion) {
        resync(keyOf(gone), participant, contextVersion);
    }

    private static ModelKey keyOf(LiveModel model) {
        return new ModelKey(model.domainRef(), model.modelId());
    }
}
