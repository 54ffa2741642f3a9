package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.StringValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data replaced by the server (the admin API) goes through the writer like a session's operation: one version, logged,
 * broadcast to every open session under the stand-in author, and transformed against concurrent operations.
 */
class LiveModelReplaceTest {

    private static final Collaborator ADMIN = new Collaborator(
            "rest:admin", new DomainUserView(UserType.CONVERGENCE, "admin", "admin", null, null, null));

    private MemoryModelStore store;
    private LiveModel model;
    private final AtomicBoolean unloaded = new AtomicBoolean();

    @BeforeEach
    void setUp() {
        store = new MemoryModelStore();
        model = LiveModelFixtures.newModel(store, unloaded);
    }

    private Long replace(Map<String, ?> data) {
        return model.replace(ADMIN, prefix -> PlainData.toObject(data, prefix)).join();
    }

    @Test
    void replacementIsOneLoggedVersionBroadcastToEverySession() {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        model.open(a);
        model.open(b);
        model.submit(a, 1, 1, new NumberDeltaOperation("0:1", false, 1)); // version 2
        a.events.clear();
        b.events.clear();

        assertEquals(3L, replace(Map.of("title", "new")));

        assertEquals(List.of("op rest:admin@2"), a.events);
        assertEquals(List.of("op rest:admin@2"), b.events);
        assertEquals(2, store.log.size());
        assertEquals("rest:admin", store.log.get(1).sessionId());
        assertEquals(3, store.log.get(1).version());
        // The root loses "n": set whole (rc.12 cannot read a property removal back from history).
        assertTrue(store.log.get(1).operation() instanceof ObjectSetOperation);
        ModelState state = model.state().join();
        assertEquals(3, state.version());
        // ids from a prefix handed to nobody else (the store's next one after a's and b's)
        assertEquals(
                Map.of("title", new StringValue("3:1", "new")), state.data().children());
    }

    @Test
    void aConcurrentOperationIsTransformedAgainstTheReplacement() {
        Recorder a = new Recorder("a");
        model.open(a);
        assertEquals(2L, replace(Map.of("x", 1)));
        // a edited "n" before it saw the replacement: its operation no longer applies to anything
        model.submit(a, 1, 1, new NumberDeltaOperation("0:1", false, 5));
        assertEquals("ack 1@2", a.events.get(a.events.size() - 1));
        ModelState state = model.state().join();
        assertEquals(3, state.version());
        assertEquals(1.0, ((NumberValue) state.data().children().get("x")).value());
        assertEquals(1, state.data().children().size());
    }

    @Test
    void anEmptyReplacementRemovesEachPropertyAndNothingToRemoveIsNoVersion() {
        Recorder a = new Recorder("a");
        model.open(a);
        assertEquals(2L, replace(Map.of()));
        assertEquals(
                new ObjectRemovePropertyOperation("0:0", false, "n"),
                store.log.get(0).operation());
        assertEquals(Map.of(), model.state().join().data().children());
        assertEquals(2L, replace(Map.of()), "already empty: no operation");
        assertEquals(1, store.log.size());
    }

    @Test
    void anIdleModelUnloadsAfterAReplacementAndAnUnloadedOneAsksForAFreshInstance() {
        assertEquals(2L, replace(Map.of("a", true)));
        assertTrue(unloaded.get(), "loaded only for the replacement");
        assertNull(replace(Map.of("b", true)), "this instance is gone: the service retries on a fresh one");
        assertEquals(1, store.log.size());
    }
}
