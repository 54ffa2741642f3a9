package dev.tandem.model.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.Fixtures;
import dev.tandem.ot.RandomOtData;
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
import dev.tandem.ot.operation.OperationType;
import dev.tandem.ot.operation.StringSetOperation;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelJsonTest {

    private static final Instant T1 = Instant.parse("2024-05-01T12:00:00.123456789Z");
    private static final Instant T2 = Instant.parse("1969-12-31T23:59:59.500Z");

    // ---------------------------------------------------------------------------------------------- values

    @Test
    void everyValueTypeRoundTrips() {
        Map<String, DataValue> children = new LinkedHashMap<>();
        children.put("s", new StringValue("2:1", "hello"));
        children.put("n", new NumberValue("2:2", 42));
        children.put("b", new BooleanValue("2:3", true));
        children.put("d", new DateValue("2:4", T1));
        children.put("z", new NullValue("2:5"));
        children.put("a", new ArrayValue("2:6", List.of(new NumberValue("2:7", 1.5))));
        children.put("o", new ObjectValue("2:8", Map.of("k", new BooleanValue("2:9", false))));
        ObjectValue root = new ObjectValue("@:0", children);
        assertRoundTrip(root);
        for (DataValue child : children.values()) {
            assertRoundTrip(child);
        }
    }

    @Test
    void propertyOrderIsKept() {
        Map<String, DataValue> children = new LinkedHashMap<>();
        for (String key : List.of("zeta", "alpha", "mu", "", "10", "2")) {
            children.put(key, new NullValue("id-" + key));
        }
        ObjectValue read = (ObjectValue) ModelJson.readValue(ModelJson.write(new ObjectValue("@:0", children)));
        assertEquals(List.copyOf(children.keySet()), List.copyOf(read.children().keySet()));
    }

    @Test
    void doublesRoundTripBitForBit() {
        double[] doubles = {
            0.0,
            -0.0,
            1.0,
            -1.5,
            0.1,
            1.0 / 3,
            1e308,
            -1e-300,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.MIN_VALUE,
            Double.MIN_NORMAL,
            9007199254740993.0,
            123456789012345678901234567890.0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Math.PI,
            Math.nextUp(1.0)
        };
        for (double d : doubles) {
            NumberValue read = (NumberValue) ModelJson.readValue(ModelJson.write(new NumberValue("n", d)));
            assertEquals(
                    Double.doubleToRawLongBits(d),
                    Double.doubleToRawLongBits(read.value()),
                    () -> d + " came back as " + read.value());
        }
    }

    @Test
    void instantsRoundTripToTheNanosecond() {
        for (Instant t : List.of(
                T1,
                T2,
                Instant.EPOCH,
                Instant.MIN,
                Instant.MAX,
                Instant.ofEpochSecond(-1, 1),
                Instant.parse("+12345-06-07T08:09:10.000000001Z"))) {
            assertRoundTrip(new DateValue("d", t));
        }
    }

    @Test
    void textRoundTripsVerbatimIncludingUnpairedSurrogates() {
        List<String> texts = List.of(
                "",
                "plain",
                "\"quotes\" and \\backslash\\",
                "\u0000\u0001\u001f\u007f",
                "line\nbreak\r\ttab",
                "caf\u00e9 \u65e5\u672c\u8a9e \u05e9\u05dc\u05d5\u05dd",
                "\ud83d\ude00\ud83d\udc4d\ud83c\udffd",
                "\u2028\u2029",
                "\ufeff",
                "lone high \ud83d",
                "\ude00 lone low",
                "\ud83d\ud83d\ude00",
                "\ude00\ud83d",
                "</script><!--",
                "{\"t\":\"str\"}");
        for (String text : texts) {
            Map<String, DataValue> children = new LinkedHashMap<>();
            children.put(text, new StringValue(text + "id", text));
            ObjectValue value = new ObjectValue(text, children);
            String json = ModelJson.write(value);
            assertEquals(value, ModelJson.readValue(json), () -> "text: " + json);
            // no unpaired surrogate is left in the document, so it survives a UTF-8 column
            assertEquals(json, new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void emptyContainersAndDeepNestingRoundTrip() {
        assertRoundTrip(new ObjectValue("@:0", Map.of()));
        assertRoundTrip(new ArrayValue("a", List.of()));
        assertRoundTrip(new ObjectValue(
                "@:0", Map.of("a", new ArrayValue("a", List.of(new ObjectValue("o", Map.of()))))));
        DataValue deep = new StringValue("leaf", "deep");
        for (int i = 0; i < 200; i++) {
            deep = i % 2 == 0 ? new ArrayValue("a" + i, List.of(deep)) : new ObjectValue("o" + i, Map.of("k", deep));
        }
        assertRoundTrip(deep);
    }

    private static void assertRoundTrip(DataValue value) {
        String json = ModelJson.write(value);
        assertEquals(value, ModelJson.readValue(json), json);
    }

    // ---------------------------------------------------------------------------------------------- operations

    static List<DiscreteOperation> everyOperationType() {
        DataValue v = new ObjectValue("3:0", Map.of("x", new StringValue("3:1", "y")));
        return List.of(
                new StringSpliceOperation("2:1", false, 3, 2, "xyz"),
                new StringSpliceOperation("2:1", false, 0, 0, ""),
                new StringSetOperation("2:1", false, ""),
                new ArrayInsertOperation("2:2", false, 0, v),
                new ArrayRemoveOperation("2:2", false, 7),
                new ArrayReplaceOperation("2:2", false, 1, new NullValue("3:2")),
                new ArrayMoveOperation("2:2", false, 4, 0),
                new ArraySetOperation("2:2", false, List.of()),
                new ArraySetOperation("2:2", false, List.of(v, new BooleanValue("3:3", false))),
                new ObjectAddPropertyOperation("2:3", false, "k", v),
                new ObjectSetPropertyOperation("2:3", false, "", new NumberValue("3:4", 2.5)),
                new ObjectRemovePropertyOperation("2:3", false, "k"),
                new ObjectSetOperation("2:3", false, Map.of()),
                new ObjectSetOperation("2:3", false, Map.of("a", v)),
                new NumberDeltaOperation("2:4", false, -0.0),
                new NumberSetOperation("2:4", false, Double.NaN),
                new BooleanSetOperation("2:5", false, true),
                new DateSetOperation("2:6", false, T1));
    }

    @Test
    void everyOperationTypeRoundTripsWithAndWithoutNoOp() {
        List<DiscreteOperation> ops = everyOperationType();
        assertEquals(
                OperationType.values().length,
                ops.stream().map(DiscreteOperation::type).distinct().count());
        for (DiscreteOperation op : ops) {
            assertRoundTrip(op);
            assertRoundTrip(op.asNoOp());
        }
        List<DiscreteOperation> mixed = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            mixed.add(i % 3 == 0 ? ops.get(i).asNoOp() : ops.get(i));
        }
        assertRoundTrip(new CompoundOperation(mixed));
        assertRoundTrip(new CompoundOperation(List.of()));
    }

    private static void assertRoundTrip(Operation op) {
        String json = ModelJson.write(op);
        assertEquals(op, ModelJson.readOperation(json), json);
    }

    // ---------------------------------------------------------------------------------------------- applied

    static List<AppliedDiscreteOperation> everyAppliedType() {
        DataValue v = new ArrayValue("3:0", List.of(new StringValue("3:1", "y")));
        DataValue old = new NumberValue("1:9", 4);
        return List.of(
                new AppliedStringSpliceOperation("2:1", false, 3, "ab", "xyz"),
                new AppliedStringSetOperation("2:1", false, "new", "old"),
                new AppliedStringSetOperation("2:1", false, "new", ""),
                new AppliedArrayInsertOperation("2:2", false, 0, v),
                new AppliedArrayRemoveOperation("2:2", false, 7, old),
                new AppliedArrayReplaceOperation("2:2", false, 1, v, old),
                new AppliedArrayMoveOperation("2:2", false, 4, 0),
                new AppliedArraySetOperation("2:2", false, List.of(v), List.of()),
                new AppliedObjectAddPropertyOperation("2:3", false, "k", v),
                new AppliedObjectSetPropertyOperation("2:3", false, "k", v, old),
                new AppliedObjectRemovePropertyOperation("2:3", false, "k", old),
                new AppliedObjectSetOperation("2:3", false, Map.of("a", v), Map.of()),
                new AppliedNumberDeltaOperation("2:4", false, 2, -0.0),
                new AppliedNumberSetOperation("2:4", false, 5, 0.0),
                new AppliedBooleanSetOperation("2:5", false, false, true),
                new AppliedDateSetOperation("2:6", false, T1, T2),
                new AppliedStringSpliceOperation("2:1", true, 3, "", "xyz"),
                new AppliedStringSetOperation("2:1", true, "new", null),
                new AppliedArrayRemoveOperation("2:2", true, 7, null),
                new AppliedArrayReplaceOperation("2:2", true, 1, v, null),
                new AppliedArraySetOperation("2:2", true, List.of(), null),
                new AppliedObjectSetPropertyOperation("2:3", true, "k", v, null),
                new AppliedObjectRemovePropertyOperation("2:3", true, "k", null),
                new AppliedObjectSetOperation("2:3", true, Map.of(), null),
                new AppliedNumberDeltaOperation("2:4", true, 2, 0),
                new AppliedNumberSetOperation("2:4", true, 5, null),
                new AppliedBooleanSetOperation("2:5", true, false, null),
                new AppliedDateSetOperation("2:6", true, T1, null));
    }

    @Test
    void everyAppliedTypeRoundTrips() {
        for (AppliedDiscreteOperation applied : everyAppliedType()) {
            assertRoundTrip(applied);
        }
        assertRoundTrip(new AppliedCompoundOperation(everyAppliedType()));
    }

    @Test
    void appliedOperationsFromTheTreeRoundTripForEveryFixtureOperation() {
        for (OperationType type : OperationType.values()) {
            for (DiscreteOperation op : Fixtures.operations(type, "c", false)) {
                assertRoundTrip(op);
                assertRoundTrip(new ModelTree(Fixtures.model()).apply(op));
                assertRoundTrip(new ModelTree(Fixtures.model()).apply(op.asNoOp()));
            }
        }
    }

    private static void assertRoundTrip(AppliedOperation applied) {
        String json = ModelJson.write(applied);
        assertEquals(applied, ModelJson.readApplied(json), json);
    }

    // ---------------------------------------------------------------------------------------------- format

    @Test
    void theFormatIsCompactTaggedAndVersioned() {
        Map<String, DataValue> children = new LinkedHashMap<>();
        children.put("title", new StringValue("@:1", "Hi"));
        children.put("n", new NumberValue("@:2", -0.0));
        children.put("when", new DateValue("@:3", Instant.parse("2024-05-01T12:00:00.123Z")));
        assertEquals(
                "{\"fmt\":1,\"t\":\"obj\",\"id\":\"@:0\",\"v\":{"
                        + "\"title\":{\"t\":\"str\",\"id\":\"@:1\",\"v\":\"Hi\"},"
                        + "\"n\":{\"t\":\"num\",\"id\":\"@:2\",\"v\":\"-0.0\"},"
                        + "\"when\":{\"t\":\"date\",\"id\":\"@:3\",\"v\":\"2024-05-01T12:00:00.123Z\"}}}",
                ModelJson.write(new ObjectValue("@:0", children)));
        assertEquals(
                "{\"fmt\":1,\"t\":\"str.splice\",\"id\":\"2:4\",\"i\":3,\"n\":2,\"ins\":\"xyz\"}",
                ModelJson.write(new StringSpliceOperation("2:4", false, 3, 2, "xyz")));
        assertEquals(
                "{\"fmt\":1,\"t\":\"str.splice\",\"id\":\"2:4\",\"i\":3,\"del\":\"ab\",\"ins\":\"xyz\"}",
                ModelJson.write(new AppliedStringSpliceOperation("2:4", false, 3, "ab", "xyz")));
        assertEquals(
                "{\"fmt\":1,\"t\":\"compound\",\"ops\":[{\"t\":\"num.delta\",\"id\":\"2:1\",\"no\":true,\"v\":1.5}]}",
                ModelJson.write(new CompoundOperation(List.of(new NumberDeltaOperation("2:1", true, 1.5)))));
        assertEquals(
                "{\"fmt\":1,\"t\":\"num.set\",\"id\":\"2:1\",\"v\":1.0E+308}",
                ModelJson.write(new NumberSetOperation("2:1", false, 1e308)));
    }

    @Test
    void unknownFieldsAreIgnoredAndAMissingVersionReadsAsOne() {
        String value = "{\"t\":\"obj\",\"id\":\"@:0\",\"later\":[1,{\"x\":null}],\"v\":{"
                + "\"a\":{\"t\":\"num\",\"id\":\"@:1\",\"v\":7,\"unit\":\"kg\"}}}";
        assertEquals(new ObjectValue("@:0", Map.of("a", new NumberValue("@:1", 7))), ModelJson.readValue(value));
        String op = "{\"fmt\":1,\"t\":\"compound\",\"by\":\"x\",\"ops\":[{\"t\":\"arr.move\",\"id\":\"2:1\","
                + "\"from\":1,\"to\":2,\"why\":{}}]}";
        assertEquals(
                new CompoundOperation(List.of(new ArrayMoveOperation("2:1", false, 1, 2))),
                ModelJson.readOperation(op));
        assertEquals(
                new AppliedBooleanSetOperation("2:1", false, true, null),
                ModelJson.readApplied("{\"t\":\"bool.set\",\"id\":\"2:1\",\"v\":true,\"old\":null,\"no\":false}"));
    }

    static Stream<Arguments> unreadableDocuments() {
        return Stream.of(
                Arguments.of("not JSON", "{\"t\":", "not a JSON object"),
                Arguments.of("an array", "[]", "not a JSON object"),
                Arguments.of(
                        "a newer version", "{\"fmt\":2,\"t\":\"null\",\"id\":\"x\"}", "unsupported format version 2"),
                Arguments.of("a bad version", "{\"fmt\":\"1\",\"t\":\"null\",\"id\":\"x\"}", "$.fmt"),
                Arguments.of("no tag", "{\"id\":\"x\"}", "$.t: missing"),
                Arguments.of("unknown value tag", "{\"t\":\"set\",\"id\":\"x\"}", "unknown value type 'set'"),
                Arguments.of("no id", "{\"t\":\"null\"}", "$.id: missing"),
                Arguments.of("wrong type", "{\"t\":\"str\",\"id\":\"x\",\"v\":1}", "$.v: expected a string"),
                Arguments.of(
                        "bad child",
                        "{\"t\":\"obj\",\"id\":\"x\",\"v\":{\"a\":{\"t\":\"bool\",\"id\":\"y\",\"v\":\"yes\"}}}",
                        "$.v[\"a\"].v: expected a boolean"),
                Arguments.of(
                        "child not an object", "{\"t\":\"arr\",\"id\":\"x\",\"v\":[1]}", "$.v[0]: expected an object"),
                Arguments.of("bad number", "{\"t\":\"num\",\"id\":\"x\",\"v\":\"many\"}", "not a number"),
                Arguments.of(
                        "bad instant", "{\"t\":\"date\",\"id\":\"x\",\"v\":\"yesterday\"}", "not an ISO-8601 instant"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableDocuments")
    void unreadableValueDocumentsAreRejectedWithTheirPath(String name, String json, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelJson.readValue(json));
        assertTrue(e.getMessage().contains(fragment), e::getMessage);
    }

    @Test
    void unreadableOperationDocumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ModelJson.readOperation(null));
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelJson.readOperation("{\"t\":\"str.splice\",\"id\":\"x\",\"i\":1,\"ins\":\"\"}"));
        IllegalArgumentException overflow = assertThrows(
                IllegalArgumentException.class,
                () -> ModelJson.readOperation("{\"t\":\"arr.remove\",\"id\":\"x\",\"i\":4294967296}"));
        assertTrue(overflow.getMessage().contains("$.i: not a 32-bit integer"), overflow::getMessage);
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> ModelJson.readOperation("{\"t\":\"compound\",\"ops\":[{\"t\":\"str.reverse\",\"id\":\"x\"}]}"));
        assertTrue(
                unknown.getMessage().contains("$.ops[0].t: unknown operation type 'str.reverse'"), unknown::getMessage);
        // an applied splice needs the deleted text, not the count
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelJson.readApplied(ModelJson.write(new StringSpliceOperation("x", false, 1, 2, "y"))));
    }

    @Test
    void theWriterOmitsFalseNoOpFlagsAndAbsentOldValues() {
        String json = ModelJson.write(new AppliedNumberSetOperation("2:1", false, 5, null));
        assertFalse(json.contains("\"no\""), json);
        assertFalse(json.contains("\"old\""), json);
    }

    // ---------------------------------------------------------------------------------------------- randomized

    @Test
    void randomTreesOperationsAndAppliedOperationsRoundTrip() {
        long seed = 7_041_999L;
        RandomOtData random = new RandomOtData(seed, false);
        for (int i = 0; i < 500; i++) {
            String trace = "seed " + seed + ", iteration " + i;
            DataValue tree = random.object(5);
            assertEquals(tree, ModelJson.readValue(ModelJson.write(tree)), trace);
            Operation op = random.operation();
            assertEquals(op, ModelJson.readOperation(ModelJson.write(op)), () -> trace + ": " + op);
            AppliedOperation applied = random.applied();
            assertEquals(applied, ModelJson.readApplied(ModelJson.write(applied)), () -> trace + ": " + applied);
        }
    }
}
