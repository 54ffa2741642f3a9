package dev.tandem.model;

import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/** A live model on a direct executor with an in-memory store, for the tests of the live model. */
final class LiveModelFixtures {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private LiveModelFixtures() {}

    /** Model "m" at version 1 with {@code {n: 0}} (value ids 0:0, 0:1), on a direct executor. */
    static LiveModel newModel(MemoryModelStore store, AtomicBoolean unloaded) {
        return newModel(store, unloaded, new ObjectValue("0:0", Map.of("n", new NumberValue("0:1", 0))));
    }

    /** Model "m" at version 1 with the given data, on a direct executor. */
    static LiveModel newModel(MemoryModelStore store, AtomicBoolean unloaded, ObjectValue root) {
        // A direct executor: every task runs at once, so the events are in their final order when a call returns.
        return newModel(store, unloaded, root, Runnable::run);
    }

    /** Model "m" at version 1 with the given data, its writer's turns run by {@code pool}. */
    static LiveModel newModel(MemoryModelStore store, AtomicBoolean unloaded, ObjectValue root, Executor pool) {
        ModelStore.StoredModel stored = new ModelStore.StoredModel("ref", "domain", "m", "c", 1, CREATED, CREATED);
        return new LiveModel(
                new ModelContext(store, new OperationLog(store, pool), pool),
                stored,
                new LiveModel.Loaded(new ModelOperationProcessor(new ModelTree(root), 1), CREATED, 1, CREATED),
                ModelPolicies.open(),
                owner(() -> unloaded.set(true)));
    }

    /** An owner that runs {@code onUnload} when the model unloads, and expects nothing else. */
    static LiveModel.Owner owner(Runnable onUnload) {
        return new LiveModel.Owner() {
            @Override
            public void unloaded(LiveModel model) {
                onUnload.run();
            }

            @Override
            public void open(LiveModel gone, ModelParticipant participant) {
                throw new AssertionError("no reopen expected");
            }

            @Override
            public void resync(LiveModel gone, ModelParticipant participant, long contextVersion) {
                throw new AssertionError("no re-resync expected");
            }
        };
    }
}
