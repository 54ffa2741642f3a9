package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.value.NumberValue;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resync inside the model's task queue, against an in-memory log: replayed operations first (original sessions, stored
 * version − 1), live operations after them, the resent operations acknowledged, and the others told in the right
 * order.
 */
class LiveModelResyncTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private MemoryModelStore store;
    private LiveModel model;
    private final AtomicBoolean unloaded = new AtomicBoolean();

    @BeforeEach
    void setUp() {
        store = new MemoryModelStore();
        model = LiveModelFixtures.newModel(store, unloaded);
    }

    private static Operation add() {
        return new NumberDeltaOperation("0:1", false, 1);
    }

    @Test
    void replaysMissedOperationsThenLiveOnesAndAcksResentOnes() {
        Recorder a = new Recorder("a1");
        Recorder b = new Recorder("b");
        model.open(a);
        model.open(b);
        model.submit(a, 1, 1, add()); // version 2
        model.submit(b, 1, 2, add()); // version 3
        model.close(a, false); // a's socket drops at version 3
        model.submit(b, 2, 3, add()); // version 4
        model.submit(b, 3, 4, add()); // version 5

        Recorder a2 = new Recorder("a2");
        b.events.clear();
        model.resync(a2, 2);
        assertEquals(List.of("resync 5 [b]", "op b@2", "op b@3", "op b@4"), a2.events);
        assertEquals(List.of("resyncStarted a2"), b.events);

        // Committed between the resync response and its completion: must reach a2, after the replay.
        model.submit(b, 4, 5, add()); // version 6
        // a2 resends its in-flight operation, rebased on the version it caught up to.
        model.submit(a2, 2, 6, add()); // version 7
        assertEquals(List.of("op b@5", "ack 2@6"), a2.events.subList(4, 6));
        assertTrue(b.events.contains("op a2@6"));
        // a2 is not announced to b until its resync completes, and a2 was told about nobody yet
        assertEquals(List.of("a2@6"), b.fromUnannounced);
        assertEquals(
                List.of("b@5"), a2.fromUnannounced.subList(a2.fromUnannounced.size() - 1, a2.fromUnannounced.size()));

        b.events.clear();
        model.resyncComplete(a2, true);
        assertEquals("resynced", a2.events.get(a2.events.size() - 1));
        assertEquals(
                List.of("b", "a2"),
                a2.resynced.collaborators().stream()
                        .map(Collaborator::sessionId)
                        .toList());
        assertEquals(List.of(), a2.resynced.resyncing());
        assertEquals(List.of("opened a2", "resyncCompleted a2"), b.events);

        ModelState state = model.state().join();
        assertEquals(7, state.version());
        assertEquals(new NumberValue("0:1", 6), state.data().children().get("n"));
        assertEquals(6, store.log.size());
    }

    @Test
    void anOperationResentWithItsVersionFromBeforeAnEarlierAckIsBasedOnTheResyncVersion() {
        Recorder a = new Recorder("a1");
        model.open(new Recorder("b")); // keeps the model loaded
        model.open(a);
        model.submit(a, 1, 1, add()); // version 2, acknowledged
        // rc.12 sent its second operation at version 1 too, before that ack; the socket dropped before it arrived.
        model.close(a, false);

        Recorder a2 = new Recorder("a2");
        model.resync(a2, 2); // nothing missed: the client does not rebase its in-flight operation
        model.submit(a2, 2, 1, add());
        model.submit(a2, 3, 2, add()); // made after the resync: from here on versions only grow
        model.submit(a2, 4, 2, add()); // pipelined behind it, before its ack: the same version, as usual

        assertEquals(List.of("resync 2 []", "ack 2@2", "ack 3@3", "ack 4@4"), a2.events);
        ModelState state = model.state().join();
        assertEquals(5, state.version());
        assertEquals(new NumberValue("0:1", 4), state.data().children().get("n"));
    }

    @Test
    void operationsOfOpenCollaboratorsAreDeliveredAsFromAnnouncedAuthors() {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        model.open(a);
        model.open(b);
        model.submit(a, 1, 1, add());
        model.submit(b, 1, 2, add());
        assertTrue(b.events.contains("op a@1"));
        assertTrue(a.events.contains("op b@2"));
        assertEquals(List.of(), a.fromUnannounced);
        assertEquals(List.of(), b.fromUnannounced);
    }

    @Test
    void referenceEventsReachTheOthersByTheEndOfTheTurnInOrder() {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        model.open(a);
        model.open(b);
        b.events.clear();
        IndexReference at3 = new IndexReference("0:1", List.of(3));
        IndexReference at4 = new IndexReference("0:1", List.of(4));
        model.reference(a, new ReferenceEvent(ReferenceEvent.Kind.SHARE, "0:1", "cursor", at3, 1));
        model.reference(a, new ReferenceEvent(ReferenceEvent.Kind.SET, "0:1", "cursor", at4, 1));
        model.reference(a, new ReferenceEvent(ReferenceEvent.Kind.CLEAR, "0:1", "cursor", null, 1));
        model.close(a, false);
        assertEquals(
                List.of("shared a cursor " + at3, "set a cursor " + at4, "cleared a cursor", "closed a"), b.events);
        assertEquals(List.of("opened 1", "opened b"), a.events, "nobody else moved a reference");
    }

    @Test
    void resyncToCloseUnloadsAnIdleModel() {
        Recorder a2 = new Recorder("a2");
        model.resync(a2, 1);
        assertFalse(unloaded.get(), "a resyncing session keeps the model loaded");
        model.resyncComplete(a2, false);
        assertTrue(unloaded.get(), "nobody left: unloaded");
    }

    @Test
    void resyncWithOpenFalseRepliesEmptyAndForgets() {
        Recorder b = new Recorder("b");
        model.open(b);
        Recorder a2 = new Recorder("a2");
        model.resync(a2, 1);
        b.events.clear();
        model.resyncComplete(a2, false);
        assertSame(ResyncedModel.CLOSED, a2.resynced);
        assertEquals(List.of("resyncCompleted a2"), b.events, "never announced as open, so not as closed either");
        model.submit(b, 1, 1, add());
        assertEquals("resynced", a2.events.get(a2.events.size() - 1), "a forgotten session gets nothing more");
    }

    @Test
    void aSessionThatDropsWhileResyncingIsNotAnnouncedAsClosed() {
        Recorder b = new Recorder("b");
        model.open(b);
        Recorder a2 = new Recorder("a2");
        model.resync(a2, 1);
        b.events.clear();
        model.close(a2, false);
        assertEquals(List.of(), b.events);
        model.close(b, false);
        assertTrue(unloaded.get());
    }

    @Test
    void refusesAContextVersionTheModelNeverHad() {
        Recorder a2 = new Recorder("a2");
        model.resync(a2, 9);
        assertEquals(List.of("failed invalid_version"), a2.events);
        assertNull(a2.resynced);
        assertTrue(unloaded.get(), "loaded for nothing: unloaded again");
    }
}
