package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.operation.AppliedOperation;
import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.tree.InvalidOperationException;
import dev.tandem.ot.tree.ModelTooLargeException;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tree's size, kept as it changes, always equals the size computed afresh from its data. */
class ModelTreeSizeTest {

    @Test
    void countsIdsTextNamesAndSixteenPerValue() {
        ObjectValue data = new ObjectValue(
                "r",
                Map.of(
                        "ab",
                        new StringValue("s1", "hello"),
                        "list",
                        new ArrayValue("a", List.of(new StringValue("s2", "")))));
        // r: 16+1 plus names 2+4; s1: 16+2+5; a: 16+1; s2: 16+2
        long expected = 17 + 6 + 23 + 17 + 18;
        assertEquals(expected, ModelTree.sizeOf(data));
        assertEquals(expected, new ModelTree(data).size());
    }

    @Test
    void keepsItsSizeThroughRandomOperationsFailuresAndUndos() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            RandomOtData data = new RandomOtData(seed, true);
            ModelTree tree = new ModelTree(data.object(3));
            Deque<AppliedOperation> applied = new ArrayDeque<>();
            for (int step = 0; step < 400; step++) {
                if (!applied.isEmpty() && random.nextInt(5) == 0) {
                    tree.undo(applied.pop());
                } else {
                    try {
                        applied.push(tree.apply(operationOn(tree, data, random)));
                    } catch (InvalidOperationException e) {
                        // refused, and must have changed nothing (checked below like everything else)
                    }
                }
                assertEquals(ModelTree.sizeOf(tree.toValue()), tree.size(), "seed " + seed + ", step " + step);
            }
        }
    }

    @Test
    void refusesAnOperationThatGrowsItPastTheLimitAndStaysAsItWas() {
        ModelTree tree =
                new ModelTree(new ObjectValue("r", Map.of("t", new StringValue("s", "abc")))); // 16+1+1 + 16+1+3
        assertEquals(38, tree.size());
        tree.limitSize(61);
        tree.apply(new StringSpliceOperation("s", false, 3, 0, "x".repeat(23))); // exactly the limit
        assertEquals(61, tree.size());
        ModelTooLargeException refused = assertThrows(
                ModelTooLargeException.class,
                () -> tree.apply(new CompoundOperation(List.of(
                        new StringSpliceOperation("s", false, 0, 10, ""),
                        new ObjectAddPropertyOperation("r", false, "u", new StringValue("s2", "y".repeat(20)))))));
        assertEquals(61 - 10 + 1 + 16 + 2 + 20, refused.size());
        assertEquals(61, refused.limit());
        assertEquals(61, tree.size());
        assertEquals("abc" + "x".repeat(23), ((StringValue) tree.valueOf("s").orElseThrow()).value());
        // Lower the limit under the current size: shrinking still works, growing does not.
        tree.limitSize(10);
        tree.apply(new StringSpliceOperation("s", false, 0, 5, ""));
        assertEquals(56, tree.size());
        tree.apply(new StringSetOperation("s", false, "12345")); // 21 characters become 5
        assertEquals(40, tree.size());
        assertThrows(ModelTooLargeException.class, () -> tree.apply(new StringSpliceOperation("s", false, 0, 0, "z")));
        assertTrue(tree.size() > 10);
    }

    /** An operation aimed at a live value of the tree, valid most of the time. */
    private static Operation operationOn(ModelTree tree, RandomOtData data, Random random) {
        if (random.nextInt(8) == 0) {
            List<DiscreteOperation> ops = new ArrayList<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                ops.add(discreteOn(tree, data, random));
            }
            return new CompoundOperation(ops);
        }
        return discreteOn(tree, data, random);
    }

    private static DiscreteOperation discreteOn(ModelTree tree, RandomOtData data, Random random) {
        List<DataValue> live = new ArrayList<>();
        collect(tree.toValue(), live);
        DataValue target = live.get(random.nextInt(live.size()));
        String id = target.id();
        if (target instanceof StringValue s) {
            int length = s.value().length();
            int index = random.nextInt(length + 2); // now and then out of range
            return random.nextBoolean()
                    ? new StringSpliceOperation(
                            id, false, index, random.nextInt(Math.max(1, length - index + 2)), data.text())
                    : new StringSetOperation(id, false, data.text());
        }
        if (target instanceof ArrayValue a) {
            int size = a.children().size();
            int index = random.nextInt(size + 2);
            switch (random.nextInt(5)) {
                case 0:
                    return new ArrayInsertOperation(id, false, index, data.value(2));
                case 1:
                    return new ArrayRemoveOperation(id, false, index);
                case 2:
                    return new ArrayReplaceOperation(id, false, index, data.value(2));
                case 3:
                    return new ArrayMoveOperation(id, false, index, random.nextInt(size + 1));
                default:
                    return new ArraySetOperation(id, false, List.of(data.value(2), data.value(1)));
            }
        }
        if (target instanceof ObjectValue o) {
            List<String> keys = new ArrayList<>(o.children().keySet());
            String key = !keys.isEmpty() && random.nextBoolean() ? keys.get(random.nextInt(keys.size())) : data.text();
            switch (random.nextInt(4)) {
                case 0:
                    return new ObjectAddPropertyOperation(id, false, key, data.value(2));
                case 1:
                    return new ObjectSetPropertyOperation(id, false, key, data.value(2));
                case 2:
                    return new ObjectRemovePropertyOperation(id, false, key);
                default:
                    Map<String, DataValue> values = new LinkedHashMap<>();
                    values.put(data.text(), data.value(2));
                    values.put(data.text() + "!", data.value(1));
                    return new ObjectSetOperation(id, false, values);
            }
        }
        // a number, boolean, date or null: something of the wrong type, which is refused
        return new StringSetOperation(id, false, "x");
    }

    private static void collect(DataValue value, List<DataValue> into) {
        into.add(value);
        if (value instanceof ObjectValue o) {
            o.children().values().forEach(child -> collect(child, into));
        } else if (value instanceof ArrayValue a) {
            a.children().forEach(child -> collect(child, into));
        }
    }
}
