package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Shared references kept by the live model while their owners' edits cross: the value the server keeps (and tells a
 * fresh opener) and the values it broadcasts must be where each owner's own client has its reference.
 */
class LiveModelReferencesTest {

    private static final String TEXT = "0:1";

    private final LiveModel model = LiveModelFixtures.newModel(
            new MemoryModelStore(),
            new AtomicBoolean(),
            new ObjectValue("0:0", Map.of("text", new StringValue(TEXT, "0123456789"))));

    private static RangeReference at(int index) {
        return new RangeReference(TEXT, List.of(new RangeReference.Range(index, index)));
    }

    private static ReferenceEvent set(ReferenceEvent.Kind kind, String key, int index, long contextVersion) {
        return new ReferenceEvent(kind, TEXT, key, at(index), contextVersion);
    }

    private static StringSpliceOperation insert(int index, String text) {
        return new StringSpliceOperation(TEXT, false, index, 0, text);
    }

    /**
     * The report's scenario, with the order the server saw it in (two rc.12 clients 20 ms apart behind 40 ms of
     * latency): neither client hears back before the last round, so every operation and every set carries version 1,
     * and each set's value already counts its owner's own unacknowledged inserts. A appends and puts its cursor after
     * its text; B inserts at the front and puts its selection after its text. Inserts after a position do not move
     * it, in the client (its insert handler moves only positions at or after the insert) and so on the server: the
     * splice formula that moves every position applied to both and carried B's selection to A's end of the string.
     */
    @Test
    void referencesSetWhileEditsCrossStayWhereTheirOwnersHaveThem() {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        model.open(a);
        model.open(b);
        model.reference(a, set(ReferenceEvent.Kind.SHARE, "cursor", 10, 1));
        model.reference(b, set(ReferenceEvent.Kind.SHARE, "selection", 10, 1));
        model.reference(b, set(ReferenceEvent.Kind.SET, "selection", 0, 1));
        for (int i = 0; i < 5; i++) {
            model.submit(a, i + 1, 1, insert(10 + i, "a"));
            model.reference(a, set(ReferenceEvent.Kind.SET, "cursor", 11 + i, 1));
            model.submit(b, i + 1, 1, insert(i, "b"));
            model.reference(b, set(ReferenceEvent.Kind.SET, "selection", i + 1, 1));
        }

        Recorder c = new Recorder("c");
        model.open(c);
        assertEquals(
                Map.of("a cursor", at(20), "b selection", at(5)),
                Map.ofEntries(c.opened.references().stream()
                        .map(r -> Map.entry(r.sessionId() + " " + r.key(), r.value()))
                        .toArray(Map.Entry[]::new)),
                "the references a fresh opener is given");
        assertEquals(
                "bbbbb0123456789aaaaa",
                ((StringValue) c.opened.data().children().get("text")).value());
        List<String> toA = a.events.stream().filter(e -> e.startsWith("set b")).toList();
        assertEquals("set b selection " + at(5), toA.get(toA.size() - 1), "the last set A heard of B's selection");
        List<String> toB = b.events.stream().filter(e -> e.startsWith("set a")).toList();
        // Sent before B's last insert, which B's client then applies to it too: 20.
        assertEquals("set a cursor " + at(19), toB.get(toB.size() - 1), "the last set B heard of A's cursor");
    }
}
