package dev.tandem.ot;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.BooleanSetOperation;
import dev.tandem.ot.operation.DateSetOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.OperationType;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small fixtures for exhaustive tests: an 8-character string, an 8-element array, an object with
 * present keys {@code p}, {@code q} and absent keys {@code x}, {@code y}, a number, a boolean and a
 * date, and every operation of each type on them.
 */
public final class Fixtures {
    public static final String STRING = "abcdefgh";
    public static final int ARRAY_SIZE = 8;

    private Fixtures() {}

    public static ObjectValue model() {
        Map<String, DataValue> root = new LinkedHashMap<>();
        root.put("str", new StringValue("str", STRING));
        List<DataValue> elements = new ArrayList<>();
        for (int i = 0; i < ARRAY_SIZE; i++) {
            elements.add(new NumberValue("e" + i, i));
        }
        root.put("arr", new ArrayValue("arr", elements));
        Map<String, DataValue> obj = new LinkedHashMap<>();
        obj.put("p", new StringValue("op", "P"));
        obj.put("q", new NumberValue("oq", 1));
        root.put("obj", new ObjectValue("obj", obj));
        root.put("num", new NumberValue("num", 10));
        root.put("bool", new BooleanValue("bool", false));
        root.put("date", new DateValue("date", Instant.ofEpochMilli(1_000_000)));
        return new ObjectValue("root", root);
    }

    /**
     * Every operation of a type on the fixture; {@code prefix} makes the ids of new values unique
     * per side.
     */
    public static List<DiscreteOperation> operations(OperationType type, String prefix, boolean full) {
        List<DiscreteOperation> ops = new ArrayList<>();
        List<String> inserts = full ? List.of("", "X", "YZ", "UVW") : List.of("", "X", "YZ");
        int n = ARRAY_SIZE;
        switch (type) {
            case STRING_SPLICE:
                for (int i = 0; i <= STRING.length(); i++) {
                    for (int d = 0; i + d <= STRING.length(); d++) {
                        for (String ins : inserts) {
                            ops.add(new StringSpliceOperation("str", false, i, d, ins.isEmpty() ? "" : prefix + ins));
                        }
                    }
                }
                break;
            case STRING_SET:
                ops.add(new StringSetOperation("str", false, STRING));
                ops.add(new StringSetOperation("str", false, "set-" + prefix));
                ops.add(new StringSetOperation("str", false, "same"));
                break;
            case ARRAY_INSERT:
                for (int i = 0; i <= n; i++) {
                    ops.add(new ArrayInsertOperation("arr", false, i, new StringValue(prefix + ":i" + i, prefix)));
                }
                break;
            case ARRAY_REMOVE:
                for (int i = 0; i < n; i++) {
                    ops.add(new ArrayRemoveOperation("arr", false, i));
                }
                break;
            case ARRAY_REPLACE:
                for (int i = 0; i < n; i++) {
                    ops.add(new ArrayReplaceOperation("arr", false, i, new StringValue(prefix + ":r" + i, prefix)));
                }
                break;
            case ARRAY_MOVE:
                for (int f = 0; f < n; f++) {
                    for (int t = 0; t < n; t++) {
                        ops.add(new ArrayMoveOperation("arr", false, f, t));
                    }
                }
                break;
            case ARRAY_SET:
                ops.add(new ArraySetOperation("arr", false, List.of()));
                ops.add(new ArraySetOperation(
                        "arr",
                        false,
                        List.of(
                                new StringValue(prefix + ":s0", "a"),
                                new ArrayValue(prefix + ":s1", List.of(new NumberValue(prefix + ":s2", 2))))));
                break;
            case OBJECT_ADD_PROPERTY:
                for (String k : List.of("x", "y")) {
                    ops.add(new ObjectAddPropertyOperation(
                            "obj", false, k, new StringValue(prefix + ":a" + k, prefix)));
                }
                break;
            case OBJECT_SET_PROPERTY:
                for (String k : List.of("p", "q")) {
                    ops.add(new ObjectSetPropertyOperation(
                            "obj", false, k, new StringValue(prefix + ":p" + k, prefix)));
                }
                break;
            case OBJECT_REMOVE_PROPERTY:
                for (String k : List.of("p", "q")) {
                    ops.add(new ObjectRemovePropertyOperation("obj", false, k));
                }
                break;
            case OBJECT_SET:
                ops.add(new ObjectSetOperation("obj", false, Map.of("p", new NumberValue(prefix + ":o1", 5))));
                ops.add(new ObjectSetOperation("obj", false, Map.of("z", new StringValue(prefix + ":o2", "z"))));
                break;
            case NUMBER_DELTA:
                ops.add(new NumberDeltaOperation("num", false, 1));
                ops.add(new NumberDeltaOperation("num", false, -2.5));
                break;
            case NUMBER_SET:
                ops.add(new NumberSetOperation("num", false, 3));
                ops.add(new NumberSetOperation("num", false, 10));
                ops.add(new NumberSetOperation("num", false, prefix.length()));
                break;
            case BOOLEAN_SET:
                ops.add(new BooleanSetOperation("bool", false, true));
                ops.add(new BooleanSetOperation("bool", false, false));
                break;
            case DATE_SET:
                ops.add(new DateSetOperation("date", false, Instant.ofEpochMilli(5_000)));
                ops.add(new DateSetOperation("date", false, Instant.ofEpochMilli(6_000 + prefix.length())));
                break;
            default:
                throw new IllegalArgumentException(type.toString());
        }
        return ops;
    }
}
