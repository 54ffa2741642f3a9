package dev.tandem.interfaces.realtime.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The models one connection keeps offline copies of, each with the version the client holds (0: none yet). Guarded
 * by its own monitor: a subscription change and the periodic check must not interleave, or an older copy could reach
 * the client after a newer one.
 */
final class OfflineSubscriptions {

    private final Map<String, Long> knownVersions = new HashMap<>();

    /** Adds or updates entries; returns the ids that are new or whose version the client restated. */
    synchronized List<String> subscribe(Map<String, Long> entries, boolean replaceAll) {
        if (replaceAll) {
            knownVersions.clear();
        }
        knownVersions.putAll(entries);
        return new ArrayList<>(entries.keySet());
    }

    synchronized void unsubscribe(List<String> modelIds) {
        modelIds.forEach(knownVersions::remove);
    }

    synchronized List<String> modelIds() {
        return new ArrayList<>(knownVersions.keySet());
    }

    synchronized boolean isEmpty() {
        return knownVersions.isEmpty();
    }

    /** The version the client holds, or -1 if the model is no longer subscribed. */
    synchronized long knownVersion(String modelId) {
        return knownVersions.getOrDefault(modelId, -1L);
    }

    synchronized void known(String modelId, long version) {
        knownVersions.computeIfPresent(modelId, (id, old) -> version);
    }

    synchronized void forget(String modelId) {
        knownVersions.remove(modelId);
    }
}
