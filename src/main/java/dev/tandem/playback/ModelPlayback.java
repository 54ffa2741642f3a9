package dev.tandem.playback;

import dev.tandem.common.Refusal;
import dev.tandem.model.HistoricalOperation;
import dev.tandem.model.ModelHistory;
import dev.tandem.model.ModelService;
import dev.tandem.model.ModelState;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ObjectValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** A model's data at an earlier version: its current data with the later operations undone. */
@ApplicationScoped
public class ModelPlayback {

    /**
     * How far back one request plays: every operation in between is read and undone, so the cost grows with the
     * distance. Beyond it the caller is refused (a 400) rather than kept waiting.
     */
    public static final int MAX_VERSIONS_BACK = 10_000;

    @Inject
    ModelService models;

    @Inject
    ModelHistory history;

    /** The model at a version: its data then, and when that version was made (the creation time for version 1). */
    public record ModelVersion(
            String modelId, String collectionId, long version, long currentVersion, Instant time, ObjectValue data) {}

    /**
     * The model's data at {@code version}, 1 (its creation) to its current version.
     *
     * @throws dev.tandem.model.ModelNotFoundException if there is no such model
     * @throws Refusal {@code invalid_version} for a version outside 1..current, or more than {@link
     *     #MAX_VERSIONS_BACK} before the current one
     */
    public ModelVersion at(String domainRef, String modelId, long version) {
        ModelState now = models.current(domainRef, modelId);
        if (version < 1 || version > now.version()) {
            throw invalid("model " + modelId + " has versions 1 to " + now.version() + ", not " + version);
        }
        if (now.version() - version > MAX_VERSIONS_BACK) {
            throw invalid("at most " + MAX_VERSIONS_BACK + " versions back from " + now.version() + " at a time");
        }
        if (version == now.version()) {
            return new ModelVersion(modelId, now.collectionId(), version, now.version(), now.modifiedAt(), now.data());
        }
        // The operations that made versions version+1..current, oldest first. The state and the history are read one
        // after the other: operations committed in between have versions above now.version() and are not asked for.
        List<HistoricalOperation> later =
                history.history(domainRef, modelId, version + 1, now.version(), MAX_VERSIONS_BACK + 1);
        ModelTree tree = new ModelTree(now.data());
        for (int i = later.size() - 1; i >= 0; i--) {
            tree.undo(later.get(i).operation());
        }
        Instant time = version == 1
                ? now.createdAt()
                : history.history(domainRef, modelId, version, version, 1).stream()
                        .findFirst()
                        .map(HistoricalOperation::committedAt)
                        .orElse(null);
        return new ModelVersion(modelId, now.collectionId(), version, now.version(), time, tree.toValue());
    }

    /**
     * The model as it was at a point in time: at the version of the last operation committed then (1, its creation,
     * if none was).
     *
     * @throws dev.tandem.model.ModelNotFoundException if there is no such model
     * @throws Refusal {@code invalid_target_time} for a time before the model was created, {@code invalid_version}
     *     for one more than {@link #MAX_VERSIONS_BACK} versions back
     */
    public ModelVersion atTime(String domainRef, String modelId, Instant time) {
        // The admin API speaks whole milliseconds and shows times truncated to them (a version made at 12.7 ms shows
        // as 12), where versionAt takes the client's rounding (up to 12.5 ms is 12): ask for the end of the
        // millisecond, so that the time shown for a version finds that version.
        return at(domainRef, modelId, history.versionAt(domainRef, modelId, time.plusNanos(499_999)));
    }

    private static Refusal invalid(String message) {
        return new Refusal(Refusal.Reason.INVALID, "invalid_version", message);
    }
}
