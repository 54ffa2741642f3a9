package dev.tandem.interfaces.realtime.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.tandem.interfaces.realtime.proto.core.Int32List;
import dev.tandem.interfaces.realtime.proto.core.StringList;
import dev.tandem.interfaces.realtime.proto.model.AppliedDiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedOperationData;
import dev.tandem.interfaces.realtime.proto.model.ArrayInsertOperationData;
import dev.tandem.interfaces.realtime.proto.model.ArrayMoveOperationData;
import dev.tandem.interfaces.realtime.proto.model.CompoundOperationData;
import dev.tandem.interfaces.realtime.proto.model.DateSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.DiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.DoubleValue;
import dev.tandem.interfaces.realtime.proto.model.IndexRange;
import dev.tandem.interfaces.realtime.proto.model.IndexRangeList;
import dev.tandem.interfaces.realtime.proto.model.NumberDeltaOperationData;
import dev.tandem.interfaces.realtime.proto.model.NumberSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.ObjectSetPropertyOperationData;
import dev.tandem.interfaces.realtime.proto.model.OperationData;
import dev.tandem.interfaces.realtime.proto.model.ReferenceValues;
import dev.tandem.interfaces.realtime.proto.model.ShareReferenceMessage;
import dev.tandem.interfaces.realtime.proto.model.StringSpliceOperationData;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
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
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.tree.ModelTree;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelWireTest {

    private static final Instant T1 = Instant.parse("2024-05-01T12:00:00.123Z");
    private static final Instant T2 = Instant.parse("1969-12-31T23:59:59.500Z");

    // ---------------------------------------------------------------------------------------------- values

    /** One tree with every value type, empty containers and ids in the client's forms. */
    static ObjectValue everyValueType() {
        Map<String, DataValue> children = new LinkedHashMap<>();
        children.put("s", new StringValue("2:1", "h\u00e9llo \ud83d\ude00"));
        children.put("n", new NumberValue("2:2", -0.0));
        children.put("big", new NumberValue("2:3", 1e308));
        children.put("inf", new NumberValue("2:4", Double.NEGATIVE_INFINITY));
        children.put("b", new BooleanValue("2:5", true));
        children.put("f", new BooleanValue("2:6", false));
        children.put("d", new DateValue("2:7", T1));
        children.put("old", new DateValue("2:8", T2));
        children.put("z", new NullValue("2:9"));
        children.put("", new StringValue("2:10", ""));
        children.put(
                "a",
                new ArrayValue(
                        "2:11",
                        List.of(
                                new ArrayValue("2:12", List.of()),
                                new ObjectValue("2:13", Map.of()),
                                new NumberValue("2:14", 0))));
        return new ObjectValue("@:0", children);
    }

    @Test
    void everyValueTypeRoundTrips() throws InvalidProtocolBufferException {
        ObjectValue tree = everyValueType();
        var wire = ModelWire.toWire(tree);
        assertEquals(tree, ModelWire.fromWire(wire));
        // and through bytes, as it travels
        var parsed = dev.tandem.interfaces.realtime.proto.model.ObjectValue.parseFrom(wire.toByteArray());
        assertEquals(tree, ModelWire.fromWire(parsed));
        assertEquals(
                List.copyOf(tree.children().keySet()),
                List.copyOf(ModelWire.fromWire(parsed).children().keySet()),
                "property order is kept");
        // the DataValue wrapper, too
        DataValue asValue = tree;
        assertEquals(tree, ModelWire.fromWire(ModelWire.toWire(asValue)));
        for (DataValue child : tree.children().values()) {
            assertEquals(child, ModelWire.fromWire(ModelWire.toWire(child)));
        }
    }

    @Test
    void datesTravelAsTimestampsLikeTheClientEncodesThem() {
        // the client: seconds = floor(ms / 1000), nanos = the remaining ms * 1e6
        var wire = ModelWire.toWire((DataValue) new DateValue("2:0", T2))
                .getDateValue()
                .getValue();
        assertEquals(Timestamp.newBuilder().setSeconds(-1).setNanos(500_000_000).build(), wire);
        Instant nanos = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        assertEquals(
                new DateValue("2:0", nanos),
                ModelWire.fromWire(ModelWire.toWire((DataValue) new DateValue("2:0", nanos))),
                "nanoseconds are kept (the client rounds them to ms when it reads)");
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
                new NumberSetOperation("2:4", false, Double.POSITIVE_INFINITY),
                new BooleanSetOperation("2:5", false, true),
                new DateSetOperation("2:6", false, T1));
    }

    @Test
    void everyOperationTypeRoundTripsWithAndWithoutNoOp() throws InvalidProtocolBufferException {
        List<DiscreteOperation> ops = everyOperationType();
        assertEquals(
                OperationType.values().length,
                ops.stream().map(DiscreteOperation::type).distinct().count(),
                "every type is covered");
        for (DiscreteOperation op : ops) {
            assertRoundTrip(op);
            assertRoundTrip(op.asNoOp());
        }
    }

    @Test
    void compoundOperationsRoundTripWithTheirNoOpFlags() throws InvalidProtocolBufferException {
        List<DiscreteOperation> mixed = new ArrayList<>();
        boolean noOp = false;
        for (DiscreteOperation op : everyOperationType()) {
            mixed.add(noOp ? op.asNoOp() : op);
            noOp = !noOp;
        }
        assertRoundTrip(new CompoundOperation(mixed));
        assertRoundTrip(new CompoundOperation(List.of(new NumberDeltaOperation("2:4", true, 1))));
        assertTrue(ModelWire.toWire(new CompoundOperation(mixed)).hasCompoundOperation());
    }

    private static void assertRoundTrip(Operation op) throws InvalidProtocolBufferException {
        OperationData wire = ModelWire.toWire(op);
        assertEquals(op, ModelWire.fromWire(wire), op::toString);
        assertEquals(op, ModelWire.fromWire(OperationData.parseFrom(wire.toByteArray())), op::toString);
    }

    /**
     * Bytes produced by protobufjs 6 from the client's own message shapes, with {@code Root.fromJSON} over the
     * convergence-proto 1.0.0-rc.7 descriptor (as {@code compat/lib/raw.mjs} does). The client writes explicitly set
     * defaults ({@code noOp:false}, {@code deleteCount:0}, {@code insertedValue:""}); other encoders omit them.
     */
    @Test
    void spliceWithDefaultsAsProtobufjsEncodesIt() throws InvalidProtocolBufferException {
        StringSpliceOperation expected = new StringSpliceOperation("2:0", false, 5, 0, "");
        // {discreteOperation:{stringSpliceOperation:{id:"2:0", noOp:false, index:5, deleteCount:0, insertedValue:""}}}
        byte[] clientShaped = HexFormat.of().parseHex("0a0f0a0d0a03323a301000180520002a00");
        // {discreteOperation:{stringSpliceOperation:{id:"2:0", index:5}}}: proto3 defaults absent
        byte[] defaultsAbsent = HexFormat.of().parseHex("0a090a070a03323a301805");
        assertEquals(expected, ModelWire.fromWire(OperationData.parseFrom(clientShaped)));
        assertEquals(expected, ModelWire.fromWire(OperationData.parseFrom(defaultsAbsent)));
        // protobuf-java leaves defaults out, which protobufjs decodes as undefined and the client reads as 0 / ""
        assertArrayEquals(defaultsAbsent, ModelWire.toWire(expected).toByteArray());
    }

    @Test
    void compoundAsProtobufjsEncodesIt() throws InvalidProtocolBufferException {
        // {compoundOperation:{operations:[{numberDeltaOperation:{id:"2:1", noOp:true, delta:-0}},
        //                                 {arraySetOperation:{id:"2:2", noOp:false, values:[]}}]}}
        byte[] bytes = HexFormat.of().parseHex("121f0a1262100a03323a3110011900000000000000800a093a070a03323a321000");
        Operation op = ModelWire.fromWire(OperationData.parseFrom(bytes));
        assertEquals(
                new CompoundOperation(List.of(
                        new NumberDeltaOperation("2:1", true, -0.0), new ArraySetOperation("2:2", false, List.of()))),
                op);
    }

    // ---------------------------------------------------------------------------------------------- history

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
                new AppliedObjectSetOperation("2:3", false, Map.of("a", v), Map.of("b", old)),
                new AppliedNumberDeltaOperation("2:4", false, 2, 0),
                new AppliedNumberSetOperation("2:4", false, 5, 0.0),
                new AppliedBooleanSetOperation("2:5", false, false, true),
                new AppliedDateSetOperation("2:6", false, T1, T2),
                // no-ops as ModelTree records them: own fields kept, old values absent
                new AppliedStringSpliceOperation("2:1", true, 3, "", "xyz"),
                new AppliedStringSetOperation("2:1", true, "new", null),
                new AppliedArrayInsertOperation("2:2", true, 0, v),
                new AppliedArrayRemoveOperation("2:2", true, 7, null),
                new AppliedArrayReplaceOperation("2:2", true, 1, v, null),
                new AppliedArrayMoveOperation("2:2", true, 4, 0),
                new AppliedArraySetOperation("2:2", true, List.of(v), null),
                new AppliedObjectAddPropertyOperation("2:3", true, "k", v),
                new AppliedObjectSetPropertyOperation("2:3", true, "k", v, null),
                new AppliedObjectRemovePropertyOperation("2:3", true, "k", null),
                new AppliedObjectSetOperation("2:3", true, Map.of("a", v), null),
                new AppliedNumberDeltaOperation("2:4", true, 2, 0),
                new AppliedNumberSetOperation("2:4", true, 5, null),
                new AppliedBooleanSetOperation("2:5", true, false, null),
                new AppliedDateSetOperation("2:6", true, T1, null));
    }

    @Test
    void everyAppliedTypeReadsBackAsTheClientsHistoryDecoderSeesIt() throws InvalidProtocolBufferException {
        for (AppliedDiscreteOperation applied : everyAppliedType()) {
            assertClientReads(applied);
        }
        assertClientReads(new AppliedCompoundOperation(everyAppliedType()));
    }

    @Test
    void appliedOperationsFromTheTreeReadBackForEveryFixtureOperation() throws InvalidProtocolBufferException {
        for (OperationType type : OperationType.values()) {
            for (DiscreteOperation op : Fixtures.operations(type, "c", false)) {
                assertClientReads(new ModelTree(Fixtures.model()).apply(op));
                assertClientReads(new ModelTree(Fixtures.model()).apply(op.asNoOp()));
            }
        }
    }

    @Test
    void appliedSpliceCarriesTheDeletedTextWhoseLengthIsTheDeleteCount() {
        var wire = ModelWire.toWire(new AppliedStringSpliceOperation("2:1", false, 3, "ab", "xyz"))
                .getDiscreteOperation()
                .getStringSpliceOperation();
        assertEquals("ab", wire.getDeletedValue());
        assertEquals("xyz", wire.getInsertedValue());
        assertEquals(3, wire.getIndex());
    }

    private static void assertClientReads(AppliedOperation applied) throws InvalidProtocolBufferException {
        AppliedOperationData wire =
                AppliedOperationData.parseFrom(ModelWire.toWire(applied).toByteArray());
        assertEquals(normalized(applied), ClientHistoryReader.read(wire), applied::toString);
    }

    /** The number before a delta is not on the wire; the reader gives 0. */
    private static AppliedOperation normalized(AppliedOperation applied) {
        if (applied instanceof AppliedCompoundOperation compound) {
            List<AppliedDiscreteOperation> ops = new ArrayList<>();
            for (AppliedDiscreteOperation op : compound.operations()) {
                ops.add((AppliedDiscreteOperation) normalized(op));
            }
            return new AppliedCompoundOperation(ops);
        }
        if (applied instanceof AppliedNumberDeltaOperation d) {
            return new AppliedNumberDeltaOperation(d.id(), d.noOp(), d.delta(), 0);
        }
        return applied;
    }

    /**
     * Reads applied operations the way rc.12's history mapper does (HistoricalModelOperationMapper): absent scalars
     * default, new values are always decoded (a missing one is a TypeError there, a failure here), old values only when
     * not a no-op (and then they must be present), the splice's delete count is the deleted text's length. Unlike the
     * client it reads the right member for an applied property removal.
     */
    static final class ClientHistoryReader {

        static AppliedOperation read(AppliedOperationData wire) {
            switch (wire.getOperationCase()) {
                case DISCRETEOPERATION:
                    return discrete(wire.getDiscreteOperation());
                case COMPOUNDOPERATION: {
                    List<AppliedDiscreteOperation> ops = new ArrayList<>();
                    for (AppliedDiscreteOperationData op :
                            wire.getCompoundOperation().getOperationsList()) {
                        ops.add(discrete(op));
                    }
                    return new AppliedCompoundOperation(ops);
                }
                default:
                    throw new AssertionError("no operation");
            }
        }

        private static DataValue value(boolean present, dev.tandem.interfaces.realtime.proto.model.DataValue v) {
            assertTrue(present, "the client decodes this value unconditionally");
            return ModelWire.fromWire(v);
        }

        private static <T> T old(boolean noOp, boolean present, Supplier<T> value) {
            if (noOp) {
                return null;
            }
            assertTrue(present, "the client decodes the old value of an operation that is not a no-op");
            return value.get();
        }

        private static Instant instant(boolean present, Timestamp t) {
            assertTrue(present, "the client reads every timestamp");
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
        }

        private static AppliedDiscreteOperation discrete(AppliedDiscreteOperationData wire) {
            switch (wire.getOperationCase()) {
                case STRINGSPLICEOPERATION: {
                    var o = wire.getStringSpliceOperation();
                    return new AppliedStringSpliceOperation(
                            o.getId(), o.getNoOp(), o.getIndex(), o.getDeletedValue(), o.getInsertedValue());
                }
                case STRINGSETOPERATION: {
                    var o = wire.getStringSetOperation();
                    return new AppliedStringSetOperation(
                            o.getId(), o.getNoOp(), o.getValue(), old(o.getNoOp(), true, o::getOldValue));
                }
                case ARRAYINSERTOPERATION: {
                    var o = wire.getArrayInsertOperation();
                    return new AppliedArrayInsertOperation(
                            o.getId(), o.getNoOp(), o.getIndex(), value(o.hasValue(), o.getValue()));
                }
                case ARRAYREMOVEOPERATION: {
                    var o = wire.getArrayRemoveOperation();
                    return new AppliedArrayRemoveOperation(
                            o.getId(),
                            o.getNoOp(),
                            o.getIndex(),
                            old(o.getNoOp(), o.hasOldValue(), () -> ModelWire.fromWire(o.getOldValue())));
                }
                case ARRAYREPLACEOPERATION: {
                    var o = wire.getArrayReplaceOperation();
                    return new AppliedArrayReplaceOperation(
                            o.getId(),
                            o.getNoOp(),
                            o.getIndex(),
                            value(o.hasValue(), o.getValue()),
                            old(o.getNoOp(), o.hasOldValue(), () -> ModelWire.fromWire(o.getOldValue())));
                }
                case ARRAYMOVEOPERATION: {
                    var o = wire.getArrayMoveOperation();
                    return new AppliedArrayMoveOperation(o.getId(), o.getNoOp(), o.getFromIndex(), o.getToIndex());
                }
                case ARRAYSETOPERATION: {
                    var o = wire.getArraySetOperation();
                    return new AppliedArraySetOperation(
                            o.getId(),
                            o.getNoOp(),
                            values(o.getValuesList()),
                            old(o.getNoOp(), true, () -> values(o.getOldValuesList())));
                }
                case OBJECTADDPROPERTYOPERATION: {
                    var o = wire.getObjectAddPropertyOperation();
                    return new AppliedObjectAddPropertyOperation(
                            o.getId(), o.getNoOp(), o.getKey(), value(o.hasValue(), o.getValue()));
                }
                case OBJECTSETPROPERTYOPERATION: {
                    var o = wire.getObjectSetPropertyOperation();
                    return new AppliedObjectSetPropertyOperation(
                            o.getId(),
                            o.getNoOp(),
                            o.getKey(),
                            value(o.hasValue(), o.getValue()),
                            old(o.getNoOp(), o.hasOldValue(), () -> ModelWire.fromWire(o.getOldValue())));
                }
                case OBJECTREMOVEPROPERTYOPERATION: {
                    var o = wire.getObjectRemovePropertyOperation();
                    return new AppliedObjectRemovePropertyOperation(
                            o.getId(),
                            o.getNoOp(),
                            o.getKey(),
                            old(o.getNoOp(), o.hasOldValue(), () -> ModelWire.fromWire(o.getOldValue())));
                }
                case OBJECTSETOPERATION: {
                    var o = wire.getObjectSetOperation();
                    return new AppliedObjectSetOperation(
                            o.getId(),
                            o.getNoOp(),
                            valueMap(o.getValuesMap()),
                            old(o.getNoOp(), true, () -> valueMap(o.getOldValuesMap())));
                }
                case NUMBERDELTAOPERATION: {
                    var o = wire.getNumberDeltaOperation();
                    return new AppliedNumberDeltaOperation(o.getId(), o.getNoOp(), o.getDelta(), 0);
                }
                case NUMBERSETOPERATION: {
                    var o = wire.getNumberSetOperation();
                    return new AppliedNumberSetOperation(
                            o.getId(), o.getNoOp(), o.getValue(), old(o.getNoOp(), true, o::getOldValue));
                }
                case BOOLEANSETOPERATION: {
                    var o = wire.getBooleanSetOperation();
                    return new AppliedBooleanSetOperation(
                            o.getId(), o.getNoOp(), o.getValue(), old(o.getNoOp(), true, o::getOldValue));
                }
                case DATESETOPERATION: {
                    var o = wire.getDateSetOperation();
                    return new AppliedDateSetOperation(
                            o.getId(),
                            o.getNoOp(),
                            instant(o.hasValue(), o.getValue()),
                            old(o.getNoOp(), o.hasOldValue(), () -> instant(true, o.getOldValue())));
                }
                default:
                    throw new AssertionError("no operation type");
            }
        }

        private static List<DataValue> values(List<dev.tandem.interfaces.realtime.proto.model.DataValue> wire) {
            List<DataValue> values = new ArrayList<>();
            wire.forEach(v -> values.add(ModelWire.fromWire(v)));
            return values;
        }

        private static Map<String, DataValue> valueMap(
                Map<String, dev.tandem.interfaces.realtime.proto.model.DataValue> wire) {
            Map<String, DataValue> values = new LinkedHashMap<>();
            wire.forEach((k, v) -> values.put(k, ModelWire.fromWire(v)));
            return values;
        }
    }

    // ---------------------------------------------------------------------------------------------- references

    static List<ReferenceValue> everyReferenceType() {
        return List.of(
                new IndexReference("2:1", List.of(0, 5, 3)),
                new IndexReference("2:1", List.of()),
                new RangeReference("2:1", List.of(new RangeReference.Range(4, 1), new RangeReference.Range(0, 0))),
                new RangeReference("2:1", List.of()),
                new PropertyReference("2:3", List.of("a", "")),
                new PropertyReference("2:3", List.of()),
                new ElementReference(List.of("2:1", "@:0")),
                new ElementReference(List.of()));
    }

    @Test
    void everyReferenceTypeRoundTripsAndEmptyListsStillSetTheType() throws InvalidProtocolBufferException {
        for (ReferenceValue reference : everyReferenceType()) {
            ReferenceValues wire =
                    ReferenceValues.parseFrom(ModelWire.toWire(reference).toByteArray());
            assertFalse(wire.getValuesCase() == ReferenceValues.ValuesCase.VALUES_NOT_SET, reference::toString);
            String valueId = ModelWire.valueIdToWire(reference.valueId())
                    .map(com.google.protobuf.StringValue::getValue)
                    .orElse("");
            assertEquals(reference, ModelWire.fromWire(valueId, wire), reference::toString);
        }
        // the empty element list encodes as protobufjs encodes {elements:{values:[]}}
        assertArrayEquals(
                HexFormat.of().parseHex("2200"),
                ModelWire.toWire(new ElementReference(List.of())).toByteArray());
    }

    @Test
    void referenceTypesAreNamedAsTheClientNamesThem() {
        assertEquals(
                List.of("index", "index", "range", "range", "property", "property", "element", "element"),
                everyReferenceType().stream().map(ModelWire::referenceType).toList());
    }

    @Test
    void elementReferencesArriveWithAPresentButEmptyValueId() throws InvalidProtocolBufferException {
        // protobufjs, from the client's {shareReference:{resourceId:0, key:"sel", valueId:{value:null},
        // references:{elements:{values:["2:3"]}}, version:4}}
        ShareReferenceMessage share =
                ShareReferenceMessage.parseFrom(HexFormat.of().parseHex("080012001a0373656c220722050a03323a332804"));
        assertTrue(share.hasValueId(), "the wrapper is present");
        assertEquals("", share.getValueId().getValue());
        assertEquals(
                new ElementReference(List.of("2:3")),
                ModelWire.fromWire(share.getValueId().getValue(), share.getReferences()));
        assertEquals(new ElementReference(List.of("2:3")), ModelWire.fromWire(null, share.getReferences()));
    }

    @Test
    void modelLevelReferencesAreSentWithoutAValueId() {
        assertEquals(Optional.empty(), ModelWire.valueIdToWire(new ElementReference(List.of("2:1")).valueId()));
        assertEquals(Optional.empty(), ModelWire.valueIdToWire(""));
        assertEquals(Optional.of(com.google.protobuf.StringValue.of("2:1")), ModelWire.valueIdToWire("2:1"));
    }

    // ---------------------------------------------------------------------------------------------- malformed

    private static dev.tandem.interfaces.realtime.proto.model.DataValue stringValue(String id) {
        return dev.tandem.interfaces.realtime.proto.model.DataValue.newBuilder()
                .setStringValue(dev.tandem.interfaces.realtime.proto.model.StringValue.newBuilder()
                        .setId(id)
                        .setValue("x"))
                .build();
    }

    private static OperationData discrete(DiscreteOperationData.Builder op) {
        return OperationData.newBuilder().setDiscreteOperation(op).build();
    }

    private static Arguments malformed(String name, String fragment, Executable call) {
        return Arguments.of(name, fragment, call);
    }

    static Stream<Arguments> malformedInput() {
        var emptyValue = dev.tandem.interfaces.realtime.proto.model.DataValue.getDefaultInstance();
        var nested = dev.tandem.interfaces.realtime.proto.model.ObjectValue.newBuilder()
                .setId("@:0")
                .putChildren(
                        "a",
                        dev.tandem.interfaces.realtime.proto.model.DataValue.newBuilder()
                                .setArrayValue(dev.tandem.interfaces.realtime.proto.model.ArrayValue.newBuilder()
                                        .setId("@:1")
                                        .addChildren(stringValue("@:2"))
                                        .addChildren(stringValue("")))
                                .build())
                .build();
        var nan = dev.tandem.interfaces.realtime.proto.model.DataValue.newBuilder()
                .setDoubleValue(DoubleValue.newBuilder().setId("2:0").setValue(Double.NaN))
                .build();
        var dateWithoutTimestamp = dev.tandem.interfaces.realtime.proto.model.DataValue.newBuilder()
                .setDateValue(dev.tandem.interfaces.realtime.proto.model.DateValue.newBuilder()
                        .setId("2:0"))
                .build();
        var badNanos = dev.tandem.interfaces.realtime.proto.model.DataValue.newBuilder()
                .setDateValue(dev.tandem.interfaces.realtime.proto.model.DateValue.newBuilder()
                        .setId("2:0")
                        .setValue(Timestamp.newBuilder().setNanos(1_000_000_000)))
                .build();
        var hugeSeconds = dev.tandem.interfaces.realtime.proto.model.DataValue.newBuilder()
                .setDateValue(dev.tandem.interfaces.realtime.proto.model.DateValue.newBuilder()
                        .setId("2:0")
                        .setValue(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)))
                .build();
        return Stream.of(
                malformed(
                        "null value",
                        "missing",
                        () -> ModelWire.fromWire((dev.tandem.interfaces.realtime.proto.model.DataValue) null)),
                malformed(
                        "null object",
                        "missing",
                        () -> ModelWire.fromWire((dev.tandem.interfaces.realtime.proto.model.ObjectValue) null)),
                malformed("value without a type", "no value type set", () -> ModelWire.fromWire(emptyValue)),
                malformed(
                        "object without id",
                        "data.id: missing id",
                        () -> ModelWire.fromWire(
                                dev.tandem.interfaces.realtime.proto.model.ObjectValue.getDefaultInstance())),
                malformed(
                        "nested value without id",
                        "data.children[\"a\"].arrayValue.children[1].stringValue.id",
                        () -> ModelWire.fromWire(nested)),
                malformed("NaN number", "NaN", () -> ModelWire.fromWire(nan)),
                malformed(
                        "date without timestamp", "missing timestamp", () -> ModelWire.fromWire(dateWithoutTimestamp)),
                malformed("timestamp nanos out of range", "nanos out of range", () -> ModelWire.fromWire(badNanos)),
                malformed(
                        "timestamp seconds out of range",
                        "seconds out of range",
                        () -> ModelWire.fromWire(hugeSeconds)),
                malformed("null operation", "operation: missing", () -> ModelWire.fromWire((OperationData) null)),
                malformed(
                        "operation without a kind",
                        "neither discreteOperation nor compoundOperation",
                        () -> ModelWire.fromWire(OperationData.getDefaultInstance())),
                malformed(
                        "empty compound",
                        "at least one operation",
                        () -> ModelWire.fromWire(OperationData.newBuilder()
                                .setCompoundOperation(CompoundOperationData.getDefaultInstance())
                                .build())),
                malformed(
                        "compound element without a type",
                        "compoundOperation.operations[1]: no operation type set",
                        () -> ModelWire.fromWire(OperationData.newBuilder()
                                .setCompoundOperation(CompoundOperationData.newBuilder()
                                        .addOperations(DiscreteOperationData.newBuilder()
                                                .setNumberDeltaOperation(NumberDeltaOperationData.newBuilder()
                                                        .setId("2:0")
                                                        .setDelta(1)))
                                        .addOperations(DiscreteOperationData.getDefaultInstance()))
                                .build())),
                malformed(
                        "discrete without a type",
                        "no operation type set",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()))),
                malformed(
                        "operation without target id",
                        "stringSpliceOperation.id: missing id",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setStringSpliceOperation(
                                        StringSpliceOperationData.newBuilder().setIndex(1))))),
                malformed(
                        "negative splice index",
                        "index: negative (-1)",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setStringSpliceOperation(StringSpliceOperationData.newBuilder()
                                        .setId("2:0")
                                        .setIndex(-1))))),
                malformed(
                        "negative delete count",
                        "deleteCount: negative",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setStringSpliceOperation(StringSpliceOperationData.newBuilder()
                                        .setId("2:0")
                                        .setDeleteCount(-3))))),
                malformed(
                        "negative insert index",
                        "arrayInsertOperation.index: negative",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setArrayInsertOperation(ArrayInsertOperationData.newBuilder()
                                        .setId("2:0")
                                        .setIndex(-1)
                                        .setValue(stringValue("2:1")))))),
                malformed(
                        "negative move target",
                        "toIndex: negative",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setArrayMoveOperation(ArrayMoveOperationData.newBuilder()
                                        .setId("2:0")
                                        .setFromIndex(1)
                                        .setToIndex(-2))))),
                malformed(
                        "insert without value",
                        "arrayInsertOperation.value: missing",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setArrayInsertOperation(
                                        ArrayInsertOperationData.newBuilder().setId("2:0"))))),
                malformed(
                        "set property without value",
                        "objectSetPropertyOperation.value: missing",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setObjectSetPropertyOperation(ObjectSetPropertyOperationData.newBuilder()
                                        .setId("2:0")
                                        .setKey("k"))))),
                malformed(
                        "insert of a malformed value",
                        "arrayInsertOperation.value.stringValue.id",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setArrayInsertOperation(ArrayInsertOperationData.newBuilder()
                                        .setId("2:0")
                                        .setValue(stringValue("")))))),
                malformed(
                        "NaN delta",
                        "delta: NaN",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setNumberDeltaOperation(NumberDeltaOperationData.newBuilder()
                                        .setId("2:0")
                                        .setDelta(Double.NaN))))),
                malformed(
                        "NaN number set",
                        "numberSetOperation.value: NaN",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setNumberSetOperation(NumberSetOperationData.newBuilder()
                                        .setId("2:0")
                                        .setValue(Double.NaN))))),
                malformed(
                        "date set without timestamp",
                        "dateSetOperation.value: missing timestamp",
                        () -> ModelWire.fromWire(discrete(DiscreteOperationData.newBuilder()
                                .setDateSetOperation(
                                        DateSetOperationData.newBuilder().setId("2:0"))))),
                malformed("null references", "references: missing", () -> ModelWire.fromWire("2:0", null)),
                malformed(
                        "references without a type",
                        "no reference type set",
                        () -> ModelWire.fromWire("2:0", ReferenceValues.getDefaultInstance())),
                malformed(
                        "index reference without value id",
                        "index references need",
                        () -> ModelWire.fromWire(
                                "",
                                ReferenceValues.newBuilder()
                                        .setIndices(Int32List.newBuilder().addValues(1))
                                        .build())),
                malformed(
                        "range reference without value id",
                        "range references need",
                        () -> ModelWire.fromWire(
                                null,
                                ReferenceValues.newBuilder()
                                        .setRanges(IndexRangeList.getDefaultInstance())
                                        .build())),
                malformed(
                        "property reference without value id",
                        "property references need",
                        () -> ModelWire.fromWire(
                                "",
                                ReferenceValues.newBuilder()
                                        .setProperties(StringList.getDefaultInstance())
                                        .build())),
                malformed(
                        "element reference with a value id",
                        "take no value id",
                        () -> ModelWire.fromWire(
                                "2:0",
                                ReferenceValues.newBuilder()
                                        .setElements(StringList.getDefaultInstance())
                                        .build())),
                malformed(
                        "negative index reference",
                        "indices.values[1]: negative",
                        () -> ModelWire.fromWire(
                                "2:0",
                                ReferenceValues.newBuilder()
                                        .setIndices(Int32List.newBuilder()
                                                .addValues(1)
                                                .addValues(-1))
                                        .build())),
                malformed(
                        "negative range end",
                        "ranges.values[0].endIndex: negative",
                        () -> ModelWire.fromWire(
                                "2:0",
                                ReferenceValues.newBuilder()
                                        .setRanges(IndexRangeList.newBuilder()
                                                .addValues(IndexRange.newBuilder()
                                                        .setStartIndex(1)
                                                        .setEndIndex(-1)))
                                        .build())),
                malformed(
                        "empty element id",
                        "elements.values[0].id: missing id",
                        () -> ModelWire.fromWire(
                                "",
                                ReferenceValues.newBuilder()
                                        .setElements(StringList.newBuilder().addValues(""))
                                        .build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInput")
    void malformedInputIsRejectedAsMalformedRequestContent(String name, String fragment, Executable call) {
        ProtocolException e = assertThrows(ProtocolException.class, call);
        assertAll(
                () -> assertEquals(ErrorCodes.MALFORMED_REQUEST_CONTENT, e.code()),
                () -> assertTrue(e.getMessage().contains(fragment), () -> "message: " + e.getMessage()));
    }

    // ---------------------------------------------------------------------------------------------- randomized

    @Test
    void randomTreesOperationsAndReferencesRoundTrip() throws InvalidProtocolBufferException {
        long seed = 20240501L;
        RandomOtData random = new RandomOtData(seed, true);
        for (int i = 0; i < 500; i++) {
            String trace = "seed " + seed + ", iteration " + i;
            ObjectValue tree = random.object(4);
            var treeBytes = ModelWire.toWire(tree).toByteArray();
            assertEquals(
                    tree,
                    ModelWire.fromWire(dev.tandem.interfaces.realtime.proto.model.ObjectValue.parseFrom(treeBytes)),
                    trace);

            Operation op = random.operation();
            assertEquals(
                    op,
                    ModelWire.fromWire(
                            OperationData.parseFrom(ModelWire.toWire(op).toByteArray())),
                    () -> trace + ": " + op);

            AppliedOperation applied = random.applied();
            assertEquals(
                    normalized(applied),
                    ClientHistoryReader.read(AppliedOperationData.parseFrom(
                            ModelWire.toWire(applied).toByteArray())),
                    () -> trace + ": " + applied);

            ReferenceValue reference = random.reference();
            ReferenceValues values =
                    ReferenceValues.parseFrom(ModelWire.toWire(reference).toByteArray());
            String valueId = ModelWire.valueIdToWire(reference.valueId())
                    .map(com.google.protobuf.StringValue::getValue)
                    .orElse("");
            assertEquals(reference, ModelWire.fromWire(valueId, values), () -> trace + ": " + reference);
        }
    }
}
