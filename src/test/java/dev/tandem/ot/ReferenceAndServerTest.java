package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.OperationType;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.reference.ReferenceTransformer;
import dev.tandem.ot.server.CommittedOperation;
import dev.tandem.ot.server.ConcurrencyControlException;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.server.ServerConcurrencyControl;
import dev.tandem.ot.transform.ArrayMoveArrayMoveTransform;
import dev.tandem.ot.transform.TransformationRegistry;
import dev.tandem.ot.transform.UnknownTransformationException;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferenceAndServerTest {

    private final ReferenceTransformer refs = new ReferenceTransformer();

    @Test
    void indexReferencesMoveAsTheClientMovesThemWhenItAppliesASplice() {
        IndexReference r = new IndexReference("str", List.of(1, 3, 5, 8));
        // Insert "XY" at 3: 3, 5, 8 shift by 2 (3 too, as the client's insert moves positions at the insert); 1
        // stays.
        assertEquals(
                Optional.of(new IndexReference("str", List.of(1, 5, 7, 10))),
                refs.transform(new StringSpliceOperation("str", false, 3, 0, "XY"), r));
        // Remove [2, 5): 1 stays, 3 is inside and goes to the splice index; 5 and 8 shift left.
        assertEquals(
                Optional.of(new IndexReference("str", List.of(1, 2, 2, 5))),
                refs.transform(new StringSpliceOperation("str", false, 2, 3, ""), r));
        // Replace [3, 4) by "XY": the client's formula for a splice that does both, which also moves 1 (before the
        // splice) to 3 + 2.
        assertEquals(
                Optional.of(new IndexReference("str", List.of(5, 5, 6, 9))),
                refs.transform(new StringSpliceOperation("str", false, 3, 1, "XY"), r));
        assertEquals(Optional.of(r), refs.transform(new StringSpliceOperation("str", false, 3, 0, ""), r));
        assertEquals(Optional.empty(), refs.transform(new StringSetOperation("str", false, "x"), r));
        assertEquals(Optional.of(r), refs.transform(new StringSpliceOperation("other", false, 0, 0, "x"), r));
        assertEquals(Optional.of(r), refs.transform(new StringSpliceOperation("str", true, 0, 0, "x"), r));
    }

    @Test
    void rangeReferencesMoveBothEnds() {
        RangeReference r = new RangeReference("str", List.of(new RangeReference.Range(4, 6)));
        assertEquals(
                Optional.of(new RangeReference("str", List.of(new RangeReference.Range(5, 7)))),
                refs.transform(new StringSpliceOperation("str", false, 2, 0, "Z"), r));
        // An insert or a removal after the range leaves it where it is.
        assertEquals(Optional.of(r), refs.transform(new StringSpliceOperation("str", false, 7, 0, "Z"), r));
        assertEquals(Optional.of(r), refs.transform(new StringSpliceOperation("str", false, 7, 2, ""), r));
        assertEquals(Optional.empty(), refs.transform(new StringSetOperation("str", false, ""), r));
    }

    @Test
    void propertyReferencesLoseRemovedKeysAndClearOnObjectSet() {
        PropertyReference r = new PropertyReference("obj", List.of("p", "q"));
        assertEquals(
                Optional.of(new PropertyReference("obj", List.of("q"))),
                refs.transform(new ObjectRemovePropertyOperation("obj", false, "p"), r));
        assertEquals(Optional.empty(), refs.transform(new ObjectSetOperation("obj", false, Map.of()), r));
    }

    @Test
    void serverTransformsReferencesAcrossOthersOperationsAndDropsDetachedElements() {
        ModelOperationProcessor p = new ModelOperationProcessor(new ModelTree(Fixtures.model()), 1);
        p.trackClient("a", 1);
        p.trackClient("b", 1);
        p.submit("b", 1, new StringSpliceOperation("str", false, 0, 2, ""));
        p.submit("b", 2, new ArrayRemoveOperation("arr", false, 0));
        assertEquals(
                Optional.of(new IndexReference("str", List.of(2))),
                p.transformReference("a", 1, new IndexReference("str", List.of(4))));
        assertEquals(
                Optional.of(new ElementReference(List.of("e1"))),
                p.transformReference("a", 1, new ElementReference(List.of("e0", "e1"))));
        p.submit("b", 3, new StringSetOperation("str", false, "new"));
        assertEquals(Optional.empty(), p.transformReference("a", 1, new IndexReference("str", List.of(4))));
    }

    @Test
    void concurrencyControlRejectsBadVersionsAndPrunesHistory() {
        ModelOperationProcessor p = new ModelOperationProcessor(new ModelTree(Fixtures.model()), 1);
        p.trackClient("a", 1);
        p.trackClient("b", 1);
        p.submit("a", 1, new StringSpliceOperation("str", false, 0, 0, "x"));
        assertThrows(
                ConcurrencyControlException.class,
                () -> p.submit("a", 5, new StringSpliceOperation("str", false, 0, 0, "x")));
        assertThrows(
                ConcurrencyControlException.class,
                () -> p.submit("zz", 1, new StringSpliceOperation("str", false, 0, 0, "x")));
        p.submit("a", 2, new StringSpliceOperation("str", false, 0, 0, "y"));
        assertEquals(2, p.control().historySize());
        p.submit("b", 3, new StringSpliceOperation("str", false, 0, 0, "z"));
        // a is at 2, b at 3: versions below 2 are no longer needed.
        assertEquals(2, p.control().historySize());
        p.untrackClient("a");
        p.untrackClient("b");
        assertEquals(0, p.control().historySize());
        assertEquals(4, p.version());
    }

    @Test
    void aLaggingClientIsTransformedAcrossHistoryItPinnedAndAfterItIsPruned() {
        ModelOperationProcessor p = new ModelOperationProcessor(new ModelTree(Fixtures.model()), 1);
        lagBehindAWriter(p, new ArrayList<>());
        // r works on version 2,501 now: everything before it is pruned, nothing after it.
        assertEquals(p.version() - 2501, p.control().historySize());
    }

    @Test
    void historyBeyondWhatIsKeptInMemoryIsReadBackForALaggingClient() {
        List<ServerConcurrencyControl.HistoryEntry> durable = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        ModelOperationProcessor p = new ModelOperationProcessor(
                new ModelTree(Fixtures.model()),
                1,
                (from, to) -> {
                    reads.add(from + ".." + to);
                    return durable.stream()
                            .filter(e -> e.version() >= from && e.version() < to)
                            .toList();
                },
                100);
        lagBehindAWriter(p, durable);
        // The same result as with everything in memory (asserted in lagBehindAWriter), with only the latest 100
        // operations kept there although r never moved past version 2,501.
        assertEquals(100, p.control().historySize());
        // r at 1: everything before the kept 100; r at 2,501 with its branch up to 3,000: its own two operations.
        assertEquals(List.of("1..2901", "3001..3003"), reads);
    }

    /**
     * w inserts "w" at 0 3,100 times, always up to date; r inserts at the end of what it saw at version 1, then twice
     * at version 2,501, so its operations are transformed across up to 3,000 of w's. Records what was committed.
     */
    private static void lagBehindAWriter(
            ModelOperationProcessor p, List<ServerConcurrencyControl.HistoryEntry> durable) {
        p.trackClient("w", 1);
        p.trackClient("r", 1);
        String initial = Fixtures.STRING;
        for (int i = 0; i < 3000; i++) {
            commit(p, durable, "w", p.version(), "w", 0);
        }
        commit(p, durable, "r", 1, "R", initial.length());
        commit(p, durable, "r", 2501, "Q", 2500 + initial.length() + 1);
        for (int i = 0; i < 100; i++) {
            commit(p, durable, "w", p.version(), "w", 0);
        }
        commit(p, durable, "r", 2501, "Z", 2500 + initial.length() + 2);
        assertEquals(
                new StringValue("str", "w".repeat(3100) + initial + "RQZ"),
                p.tree().toValue().children().get("str"));
        assertEquals(1 + 3100 + 3, p.version());
    }

    private static void commit(
            ModelOperationProcessor p,
            List<ServerConcurrencyControl.HistoryEntry> durable,
            String session,
            long contextVersion,
            String text,
            int index) {
        CommittedOperation c =
                p.submit(session, contextVersion, new StringSpliceOperation("str", false, index, 0, text));
        durable.add(new ServerConcurrencyControl.HistoryEntry(c.sessionId(), c.version(), c.operation()));
    }

    @Test
    void rollbackRestoresTheTreeAndVersion() {
        ModelOperationProcessor p = new ModelOperationProcessor(new ModelTree(Fixtures.model()), 1);
        p.trackClient("a", 1);
        p.process("a", 1, new ArrayRemoveOperation("arr", false, 3));
        p.rollback();
        assertEquals(Fixtures.model(), p.tree().toValue());
        assertEquals(1, p.version());
    }

    @Test
    void registryRejectsDuplicatesAndUnknownPairs() {
        TransformationRegistry registry = TransformationRegistry.standard();
        assertEquals(51, registry.functions().size());
        assertThrows(IllegalStateException.class, () -> registry.register(new ArrayMoveArrayMoveTransform()));
        assertThrows(
                UnknownTransformationException.class,
                () -> registry.find(OperationType.STRING_SPLICE, OperationType.ARRAY_MOVE));
    }
}
