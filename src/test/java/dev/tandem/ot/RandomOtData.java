package dev.tandem.ot;

import dev.tandem.ot.operation.AppliedArrayInsertOperation;
import dev.tandem.ot.operation.AppliedArrayMoveOperation;
import dev.tandem.ot.operation.AppliedArrayRemoveOperation;
import dev.tandem.ot.operation.AppliedArrayReplaceOperation;
import dev.tandem.ot.operation.AppliedArraySetOperation;
import dev.tandem.ot.operation.AppliedBooleanSetOperation;
import dev.tandem.ot.operation.AppliedCompoundOperation;
import dev.tandem.ot.operation.AppliedDateSetOperation;
import dev.tandem.ot.operation.AppliedDiscreteOperation;
import dev.tandem.ot.operation.AppliedNumberDeltaOperation;
import dev.tandem.ot.operation.AppliedNumberSetOperation;
import dev.tandem.ot.operation.AppliedObjectAddPropertyOperation;
import dev.tandem.ot.operation.AppliedObjectRemovePropertyOperation;
import dev.tandem.ot.operation.AppliedObjectSetOperation;
import dev.tandem.ot.operation.AppliedObjectSetPropertyOperation;
import dev.tandem.ot.operation.AppliedOperation;
import dev.tandem.ot.operation.AppliedStringSetOperation;
import dev.tandem.ot.operation.AppliedStringSpliceOperation;
import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.BooleanSetOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DateSetOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random values, operations, applied operations and references for round-trip tests of the
 * mappings. Not semantically valid models (indices point anywhere); every field of every type is
 * exercised, with awkward numbers, instants and text.
 *
 * <p>{@code wireSafe} limits the data to what the wire can carry from a client: non-empty ids, no
 * NaN, non-negative indices, no unpaired surrogates (protobuf strings are UTF-8).
 */
public final class RandomOtData {

    private static final double[] SPECIAL_DOUBLES = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        1.0 / 3,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.MIN_VALUE,
        Double.MIN_NORMAL,
        1e308,
        -1e-300,
        9007199254740993.0,
        123456789.123456789,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.NaN
    };
    private static final String[] TEXT = {
        "",
        "a",
        "hello",
        "\"quoted\"",
        "back\\slash",
        "tab\tnew\nline",
        "\u0000\u0001\u001f",
        "caf\u00e9",
        "\u65e5\u672c\u8a9e",
        "\u05e9\u05dc\u05d5\u05dd",
        "\ud83d\ude00\ud83d\udc4d",
        "</script>",
        "{\"t\":\"x\"}",
        "\u2028\u2029",
        "\ufeffbom",
        "\ud83d",
        "\ude00",
        "x\ud83dy"
    };

    private final Random random;
    private final boolean wireSafe;
    private int nextId;

    /**
     * @param seed the seed
     * @param wireSafe whether to stay within what a client can send (see the class comment)
     */
    public RandomOtData(long seed, boolean wireSafe) {
        this.random = new Random(seed);
        this.wireSafe = wireSafe;
    }

    /** A fresh id; now and then an unusual one. */
    public String id() {
        int n = nextId++;
        switch (random.nextInt(12)) {
            case 0:
                return "@:" + n;
            case 1:
                return "\u00e9:" + n + "\ud83d\ude00";
            case 2:
                return wireSafe ? "0:" + n : "";
            default:
                return Integer.toString(random.nextInt(40), 36) + ":" + n;
        }
    }

    public String text() {
        if (random.nextInt(3) == 0) {
            StringBuilder b = new StringBuilder();
            int parts = random.nextInt(4);
            for (int i = 0; i < parts; i++) {
                b.append(TEXT[random.nextInt(TEXT.length)]);
            }
            return clean(b.toString());
        }
        return clean(TEXT[random.nextInt(TEXT.length)]);
    }

    private String clean(String s) {
        if (!wireSafe) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    public double number() {
        double d;
        switch (random.nextInt(4)) {
            case 0:
                d = SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
                break;
            case 1:
                d = Double.longBitsToDouble(random.nextLong());
                break;
            case 2:
                d = random.nextInt(2001) - 1000;
                break;
            default:
                d = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        }
        return wireSafe && Double.isNaN(d) ? 0.5 : d;
    }

    public Instant instant() {
        switch (random.nextInt(5)) {
            case 0:
                return Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L);
            case 1:
                return Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            case 2:
                return Instant.EPOCH;
            case 3:
                return Instant.parse("1969-12-31T23:59:59.999Z");
            default:
                return wireSafe ? Instant.parse("9999-12-31T23:59:59.999999999Z") : Instant.MAX;
        }
    }

    public int index() {
        int i = random.nextInt(10) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(20);
        return !wireSafe && random.nextInt(15) == 0 ? -i - 1 : i;
    }

    /** A random value tree at most {@code depth} levels deep. */
    public DataValue value(int depth) {
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        switch (kind) {
            case 0:
                return new StringValue(id(), text());
            case 1:
                return new NumberValue(id(), number());
            case 2:
                return new BooleanValue(id(), random.nextBoolean());
            case 3:
                return new DateValue(id(), instant());
            case 4:
                return new NullValue(id());
            case 5:
                return object(depth - 1);
            default:
                return new ArrayValue(id(), values(depth - 1));
        }
    }

    public ObjectValue object(int depth) {
        return new ObjectValue(id(), valueMap(depth));
    }

    private List<DataValue> values(int depth) {
        List<DataValue> values = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            values.add(value(depth));
        }
        return values;
    }

    private Map<String, DataValue> valueMap(int depth) {
        Map<String, DataValue> values = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            values.put(i == 0 && random.nextInt(5) == 0 ? "" : text() + i, value(depth));
        }
        return values;
    }

    /** A random discrete operation of any type. */
    public DiscreteOperation discrete() {
        String id = id();
        boolean noOp = random.nextInt(4) == 0;
        switch (random.nextInt(15)) {
            case 0:
                return new StringSpliceOperation(id, noOp, index(), index(), text());
            case 1:
                return new StringSetOperation(id, noOp, text());
            case 2:
                return new ArrayInsertOperation(id, noOp, index(), value(2));
            case 3:
                return new ArrayRemoveOperation(id, noOp, index());
            case 4:
                return new ArrayReplaceOperation(id, noOp, index(), value(2));
            case 5:
                return new ArrayMoveOperation(id, noOp, index(), index());
            case 6:
                return new ArraySetOperation(id, noOp, values(2));
            case 7:
                return new ObjectAddPropertyOperation(id, noOp, text(), value(2));
            case 8:
                return new ObjectSetPropertyOperation(id, noOp, text(), value(2));
            case 9:
                return new ObjectRemovePropertyOperation(id, noOp, text());
            case 10:
                return new ObjectSetOperation(id, noOp, valueMap(2));
            case 11:
                return new NumberDeltaOperation(id, noOp, number());
            case 12:
                return new NumberSetOperation(id, noOp, number());
            case 13:
                return new BooleanSetOperation(id, noOp, random.nextBoolean());
            default:
                return new DateSetOperation(id, noOp, instant());
        }
    }

    /** A discrete operation, or now and then a compound of one to four. */
    public Operation operation() {
        if (random.nextInt(4) > 0) {
            return discrete();
        }
        List<DiscreteOperation> ops = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            ops.add(discrete());
        }
        return new CompoundOperation(ops);
    }

    /**
     * A random applied discrete operation of any type. No-ops have {@code null} old values (and 0
     * as a delta's number before), as {@code ModelTree} records them.
     */
    public AppliedDiscreteOperation appliedDiscrete() {
        String id = id();
        boolean noOp = random.nextInt(4) == 0;
        switch (random.nextInt(15)) {
            case 0:
                return new AppliedStringSpliceOperation(id, noOp, index(), noOp ? "" : text(), text());
            case 1:
                return new AppliedStringSetOperation(id, noOp, text(), noOp ? null : text());
            case 2:
                return new AppliedArrayInsertOperation(id, noOp, index(), value(2));
            case 3:
                return new AppliedArrayRemoveOperation(id, noOp, index(), noOp ? null : value(2));
            case 4:
                return new AppliedArrayReplaceOperation(id, noOp, index(), value(2), noOp ? null : value(2));
            case 5:
                return new AppliedArrayMoveOperation(id, noOp, index(), index());
            case 6:
                return new AppliedArraySetOperation(id, noOp, values(2), noOp ? null : values(2));
            case 7:
                return new AppliedObjectAddPropertyOperation(id, noOp, text(), value(2));
            case 8:
                return new AppliedObjectSetPropertyOperation(id, noOp, text(), value(2), noOp ? null : value(2));
            case 9:
                return new AppliedObjectRemovePropertyOperation(id, noOp, text(), noOp ? null : value(2));
            case 10:
                return new AppliedObjectSetOperation(id, noOp, valueMap(2), noOp ? null : valueMap(2));
            case 11:
                return new AppliedNumberDeltaOperation(id, noOp, number(), noOp ? 0 : number());
            case 12:
                return new AppliedNumberSetOperation(id, noOp, number(), noOp ? null : number());
            case 13:
                return new AppliedBooleanSetOperation(
                        id, noOp, random.nextBoolean(), noOp ? null : random.nextBoolean());
            default:
                return new AppliedDateSetOperation(id, noOp, instant(), noOp ? null : instant());
        }
    }

    /** An applied discrete operation, or now and then a compound of one to four. */
    public AppliedOperation applied() {
        if (random.nextInt(4) > 0) {
            return appliedDiscrete();
        }
        List<AppliedDiscreteOperation> ops = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            ops.add(appliedDiscrete());
        }
        return new AppliedCompoundOperation(ops);
    }

    /** A random reference value of any of the four types, possibly empty. */
    public ReferenceValue reference() {
        int n = random.nextInt(4);
        switch (random.nextInt(4)) {
            case 0: {
                List<Integer> indices = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    indices.add(index());
                }
                return new IndexReference(id(), indices);
            }
            case 1: {
                List<RangeReference.Range> ranges = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ranges.add(new RangeReference.Range(index(), index()));
                }
                return new RangeReference(id(), ranges);
            }
            case 2: {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    keys.add(text());
                }
                return new PropertyReference(id(), keys);
            }
            default: {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ids.add(id());
                }
                return new ElementReference(ids);
            }
        }
    }
}
