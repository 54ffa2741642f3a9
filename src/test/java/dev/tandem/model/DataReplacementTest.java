package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A replacement of a model's data changes only what differs, in place: the values a client holds keep their ids (an
 * editor bound to a string stays bound), and the result is exactly the data asked for.
 */
class DataReplacementTest {

    private static ObjectValue data(Map<String, ?> plain, String prefix) {
        return PlainData.toObject(plain, prefix);
    }

    /** Applies the replacement to a tree holding {@code before}; returns the tree after it. */
    private static ModelTree replaced(ObjectValue before, ObjectValue after) {
        ModelTree tree = new ModelTree(before);
        DataReplacement.between(tree.toValue(), after).ifPresent(tree::apply);
        assertTrue(sameData(tree.toValue(), after), "the data asked for: " + tree.toValue());
        return tree;
    }

    private static List<DiscreteOperation> operations(ObjectValue before, ObjectValue after) {
        Optional<Operation> op = DataReplacement.between(before, after);
        if (op.isEmpty()) {
            return List.of();
        }
        return op.get() instanceof CompoundOperation c ? c.operations() : List.of((DiscreteOperation) op.get());
    }

    @Test
    void theSameDataIsNoOperation() {
        Map<String, Object> plain = Map.of("text", "hello", "n", 2, "list", List.of(1, Map.of("a", true)));
        assertEquals(List.of(), operations(data(plain, "a"), data(plain, "b")));
    }

    @Test
    void aStringLosesAndGainsWhatDiffersAndKeepsItsId() {
        ObjectValue before = data(Map.of("text", "the quick fox"), "a");
        ObjectValue after = data(Map.of("text", "the slow fox"), "b");
        List<DiscreteOperation> ops = operations(before, after);
        String textId = before.children().get("text").id();
        assertEquals(
                List.of(
                        new StringSpliceOperation(textId, false, 4, 5, ""),
                        new StringSpliceOperation(textId, false, 4, 0, "slow")),
                ops);
        ModelTree tree = replaced(before, after);
        assertEquals(textId, tree.toValue().children().get("text").id(), "the client's string stays bound");
    }

    @Test
    void aSpliceNeverSplitsASurrogatePair() {
        // Both end in the same low surrogate after different high surrogates: the pair is replaced whole.
        StringValue now = new StringValue("s", "a\uD83D\uDE00b");
        String wanted = "a\uD83E\uDE00b";
        assertEquals(
                List.of(
                        new StringSpliceOperation("s", false, 1, 2, ""),
                        new StringSpliceOperation("s", false, 1, 0, "\uD83E\uDE00")),
                DataReplacement.splice(now, wanted));
    }

    @Test
    void nestedChangesStayInPlaceAndATypeChangeReplacesTheValue() {
        ObjectValue before = data(Map.of("doc", Map.of("title", "a", "count", 1, "flag", true), "x", "text"), "a");
        ObjectValue after = data(Map.of("doc", Map.of("title", "a", "count", 2, "flag", true), "x", 5), "b");
        List<DiscreteOperation> ops = operations(before, after);
        ObjectValue doc = (ObjectValue) before.children().get("doc");
        assertEquals(2, ops.size(), ops.toString());
        assertTrue(
                ops.contains(new NumberSetOperation(doc.children().get("count").id(), false, 2)));
        assertTrue(ops.stream()
                .anyMatch(op -> op instanceof ObjectSetPropertyOperation set
                        && set.key().equals("x")));
        ModelTree tree = replaced(before, after);
        assertEquals(doc.id(), tree.toValue().children().get("doc").id());
    }

    @Test
    void anArrayOfTheSameLengthChangesItsElementsAnotherLengthIsSetWhole() {
        ObjectValue before = data(Map.of("list", List.of("a", "b")), "a");
        String listId = before.children().get("list").id();
        ObjectValue sameLength = data(Map.of("list", List.of("a", "c")), "b");
        assertTrue(operations(before, sameLength).get(0) instanceof StringSpliceOperation);
        replaced(before, sameLength);
        ObjectValue longer = data(Map.of("list", List.of("a", "b", "c")), "c");
        List<DiscreteOperation> ops = operations(before, longer);
        assertEquals(1, ops.size());
        assertTrue(ops.get(0) instanceof ArraySetOperation set && set.id().equals(listId));
        assertEquals(
                listId,
                replaced(before, longer).toValue().children().get("list").id());
    }

    @Test
    void anObjectThatLosesAPropertyIsReplacedWholeNeverByARemoval() {
        // rc.12's history playback rejects a property removal: the server makes none where it has a choice.
        ObjectValue before = data(Map.of("doc", Map.of("a", 1, "b", 2), "keep", "x"), "a");
        ObjectValue nested = data(Map.of("doc", Map.of("a", 1), "keep", "x"), "b");
        List<DiscreteOperation> ops = operations(before, nested);
        assertEquals(1, ops.size());
        assertTrue(
                ops.get(0) instanceof ObjectSetPropertyOperation set
                        && set.key().equals("doc"),
                ops.toString());
        replaced(before, nested);
        ObjectValue root = data(Map.of("keep", "x"), "c");
        ops = operations(before, root);
        assertEquals(List.of(new ObjectSetOperation(before.id(), false, root.children())), ops);
        replaced(before, root);
    }

    @Test
    void emptiedDataRemovesEachPropertyRatherThanSettingAnEmptyObject() {
        ObjectValue before = data(Map.of("a", 1, "b", "x"), "a");
        List<DiscreteOperation> ops = operations(before, data(Map.of(), "b"));
        assertEquals(2, ops.size());
        replaced(before, data(Map.of(), "b"));
    }

    @Test
    void randomDataBecomesExactlyTheDataAskedFor() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            ObjectValue before = data(randomObject(random, 0), "a" + seed);
            Map<String, Object> wanted = randomObject(random, 0);
            replaced(before, data(wanted, "b" + seed));
            assertEquals(List.of(), operations(data(wanted, "b"), data(wanted, "c")), "seed " + seed);
        }
    }

    private static final String[] KEYS = {"a", "b", "c", "d"};
    private static final String[] WORDS = {"", "x", "xy", "hello", "help", "\uD83D\uDE00", "\uD83D\uDE01a"};

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : KEYS) {
            if (random.nextInt(4) > 0) {
                out.put(key, randomValue(random, depth + 1));
            }
        }
        return out;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 2 ? 5 : 7);
        return switch (kind) {
            case 0 -> WORDS[random.nextInt(WORDS.length)];
            case 1 -> random.nextInt(3);
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> Map.of("$$convergence_type", "date", "date", 1_000L * random.nextInt(3));
            case 5 -> randomObject(random, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** Whether two values hold the same data, whatever their ids. */
    private static boolean sameData(DataValue a, DataValue b) {
        if (a instanceof ObjectValue x && b instanceof ObjectValue y) {
            if (!x.children().keySet().equals(y.children().keySet())) {
                return false;
            }
            return x.children().entrySet().stream()
                    .allMatch(e -> sameData(e.getValue(), y.children().get(e.getKey())));
        }
        if (a instanceof ArrayValue x && b instanceof ArrayValue y) {
            if (x.children().size() != y.children().size()) {
                return false;
            }
            for (int i = 0; i < x.children().size(); i++) {
                if (!sameData(x.children().get(i), y.children().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof StringValue x && b instanceof StringValue y) {
            return x.value().equals(y.value());
        }
        if (a instanceof NumberValue x && b instanceof NumberValue y) {
            return Double.compare(x.value(), y.value()) == 0;
        }
        if (a instanceof BooleanValue x && b instanceof BooleanValue y) {
            return x.value() == y.value();
        }
        if (a instanceof DateValue x && b instanceof DateValue y) {
            return x.value().equals(y.value());
        }
        return a instanceof NullValue && b instanceof NullValue;
    }
}
