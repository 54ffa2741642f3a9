package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.operation.AppliedArrayRemoveOperation;
import dev.tandem.ot.operation.AppliedDiscreteOperation;
import dev.tandem.ot.operation.AppliedObjectSetPropertyOperation;
import dev.tandem.ot.operation.AppliedOperation;
import dev.tandem.ot.operation.AppliedStringSpliceOperation;
import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.tree.InvalidOperationException;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTreeTest {

    private final ModelTree tree = new ModelTree(Fixtures.model());

    @Test
    void spliceKeepsDeletedTextAndUndoes() {
        AppliedOperation applied = tree.apply(new StringSpliceOperation("str", false, 2, 3, "XY"));
        assertEquals(new AppliedStringSpliceOperation("str", false, 2, "cde", "XY"), applied);
        assertEquals("abXYfgh", ((StringValue) tree.valueOf("str").orElseThrow()).value());
        tree.undo(applied);
        assertEquals(Fixtures.model(), tree.toValue());
    }

    @Test
    void removingDetachesTheWholeSubtree() {
        ArrayValue nested = new ArrayValue(
                "n", List.of(new StringValue("n1", "x"), new ObjectValue("n2", Map.of("k", new NumberValue("n3", 1)))));
        tree.apply(new ArrayInsertOperation("arr", false, 0, nested));
        assertTrue(tree.contains("n3"));
        AppliedOperation removed = tree.apply(new ArrayRemoveOperation("arr", false, 0));
        assertEquals(nested, ((AppliedArrayRemoveOperation) removed).oldValue());
        assertFalse(tree.contains("n") || tree.contains("n1") || tree.contains("n2") || tree.contains("n3"));
        tree.undo(removed);
        assertTrue(tree.contains("n3"));
    }

    @Test
    void operationOnADetachedValueIsANoOpThatKeepsItsFields() {
        tree.apply(new ObjectRemovePropertyOperation("root", false, "str"));
        AppliedOperation applied = tree.apply(new StringSpliceOperation("str", false, 1, 2, "zz"));
        assertEquals(new AppliedStringSpliceOperation("str", true, 1, "", "zz"), applied);
    }

    @Test
    void addingAnExistingPropertyIsRecordedAsASetWithTheOldValue() {
        AppliedOperation applied =
                tree.apply(new ObjectAddPropertyOperation("obj", false, "p", new NumberValue("v", 3)));
        assertEquals(
                new AppliedObjectSetPropertyOperation(
                        "obj", false, "p", new NumberValue("v", 3), new StringValue("op", "P")),
                applied);
        assertFalse(tree.contains("op"));
    }

    @Test
    void invalidOperationsThrowAndLeaveTheTreeUnchanged() {
        assertThrows(
                InvalidOperationException.class, () -> tree.apply(new StringSpliceOperation("str", false, 7, 2, "")));
        assertThrows(
                InvalidOperationException.class,
                () -> tree.apply(new ArrayInsertOperation("arr", false, 0, new StringValue("str", "reused id"))));
        assertThrows(InvalidOperationException.class, () -> tree.apply(new NumberDeltaOperation("str", false, 1)));
        assertThrows(
                InvalidOperationException.class,
                () -> tree.apply(new CompoundOperation(List.of(
                        new ArrayRemoveOperation("arr", false, 0), new ArrayRemoveOperation("arr", false, 99)))));
        assertEquals(Fixtures.model(), tree.toValue());
    }

    @Test
    void appliedInverseOfACompoundRunsBackwards() {
        AppliedOperation applied = tree.apply(new CompoundOperation(List.of(
                new StringSpliceOperation("str", false, 0, 0, "12"),
                new StringSpliceOperation("str", false, 1, 2, ""))));
        assertEquals(
                "2bcdefgh".substring(0, 0) + "1bcdefgh",
                ((StringValue) tree.valueOf("str").orElseThrow()).value());
        for (AppliedDiscreteOperation d :
                ((dev.tandem.ot.operation.AppliedCompoundOperation) applied.inverse()).operations()) {
            tree.apply(Playback.toOperation(d));
        }
        assertEquals(Fixtures.model(), tree.toValue());
    }
}
