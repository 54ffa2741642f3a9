package dev.tandem.interfaces.realtime.model;

import dev.tandem.model.ModelPermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The models one connection keeps offline copies of, each with the version the client holds (0: none yet) and the
 * permissions it was last told. Guarded by its own monitor: a subscription change and the periodic check must not
 * interleave, or an older copy could reach the client after a newer one.
 */
final class OfflineSubscriptions {

    /** What the client holds of one model; {@code permissions} is null until the server has told it. */
    record Known(long version, ModelPermissions permissions) {}

    private final Map<String, Known> known = new HashMap<>();

    /** Adds or restates entries (id → the version the client holds); returns the ids named. */
    synchronized List<String> subscribe(Map<String, Long> entries, boolean replaceAll) {
        if (replaceAll) {
            known.clear();
        }
        entries.forEach((id, version) -> known.put(id, new Known(version, null)));
        return new ArrayList<>(entries.keySet());
    }

    synchronized void unsubscribe(List<String> modelIds) {
        modelIds.forEach(known::remove);
    }

    synchronized List<String> modelIds() {
        return new ArrayList<>(known.keySet());
    }

    synchronized boolean isEmpty() {
        return known.isEmpty();
    }

    /** What the client holds, or null if the model is no longer subscribed. */
    synchronized Known known(String modelId) {
        return known.get(modelId);
    }

    synchronized void known(String modelId, long version, ModelPermissions permissions) {
        known.computeIfPresent(modelId, (id, old) -> new Known(version, permissions));
    }

    synchronized void forget(String modelId) {
        known.remove(modelId);
    }
}
