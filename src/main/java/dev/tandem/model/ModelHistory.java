package dev.tandem.model;

import dev.tandem.common.Refusal;
import dev.tandem.model.ModelStore.HistoryEntry;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.operation.AppliedCompoundOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's past, for playback: the operations of a range of versions and the version at a point in time. Reads the
 * store only, after the operation log has filed what it committed, so it never waits for a model's writer and works
 * the same whether the model is open on this node or not.
 */
@ApplicationScoped
public class ModelHistory {

    @Inject
    ModelStore store;

    @Inject
    LiveModels live;

    /**
     * The history entries of the versions {@code first..last}, one per version that exists, in order. Version 1 is the
     * creation and version 0 is what the client calls "before" it; neither was produced by an operation, so each gets
     * an entry with an empty operation at the creation time: the client lands a backward playback on the first entry
     * it receives and would otherwise stop one operation short when asked for version 0.
     *
     * @throws ModelNotFoundException if there is no such model
     * @throws IllegalArgumentException if the range is reversed or longer than {@code maxEntries}
     */
    public List<HistoricalOperation> history(String domainRef, String modelId, long first, long last, int maxEntries) {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("no versions between " + first + " and " + last);
        }
        if (last - first >= maxEntries) {
            // The client cannot continue a partial answer: it would stop the playback early and show a wrong state.
            throw new IllegalArgumentException(
                    "at most " + maxEntries + " versions per request; asked for " + (last - first + 1));
        }
        StoredModel stored = store.find(domainRef, modelId).orElseThrow(() -> new ModelNotFoundException(modelId));
        List<HistoricalOperation> entries = new ArrayList<>();
        for (long v = first; v <= Math.min(last, 1); v++) {
            entries.add(new HistoricalOperation(v, null, stored.createdAt(), new AppliedCompoundOperation(List.of())));
        }
        if (last >= 2) {
            live.log().flush();
            for (HistoryEntry entry : store.history(stored.ref(), Math.max(first, 2), last)) {
                entries.add(new HistoricalOperation(
                        entry.version(),
                        entry.sessionId(),
                        entry.committedAt(),
                        ModelJson.readApplied(entry.appliedJson())));
            }
        }
        return entries;
    }

    /**
     * The version the model had at {@code time}: that of the last operation committed at or before it, or 1 (the
     * creation) if none was. Times are compared as the client sees them, rounded to the millisecond, so that the
     * timestamp of an operation (or the creation time) finds that operation's version (or 1).
     *
     * @throws ModelNotFoundException if there is no such model
     * @throws Refusal {@code invalid_target_time} if the time is before the model was created
     */
    public long versionAt(String domainRef, String modelId, Instant time) {
        StoredModel stored = store.find(domainRef, modelId).orElseThrow(() -> new ModelNotFoundException(modelId));
        // An instant the client shows as t (rounded half up to ms) lies before t + 0.5 ms.
        Instant bound = time.plusNanos(500_000);
        if (!stored.createdAt().isBefore(bound)) {
            throw new Refusal(
                    Refusal.Reason.INVALID,
                    "invalid_target_time",
                    "model " + modelId + " was created at " + stored.createdAt() + ", after " + time);
        }
        live.log().flush();
        return store.lastVersionBefore(stored.ref(), bound).orElse(1L);
    }
}
