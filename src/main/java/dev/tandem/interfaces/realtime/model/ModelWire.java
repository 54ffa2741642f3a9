package dev.tandem.interfaces.realtime.model;

import com.google.protobuf.Timestamp;
import dev.tandem.interfaces.realtime.proto.core.Int32List;
import dev.tandem.interfaces.realtime.proto.core.StringList;
import dev.tandem.interfaces.realtime.proto.model.AppliedArrayInsertOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedArrayMoveOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedArrayRemoveOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedArrayReplaceOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedArraySetOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedBooleanSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedCompoundOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedDateSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedDiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedNumberDeltaOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedNumberSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedObjectAddPropertyOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedObjectRemovePropertyOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedObjectSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedObjectSetPropertyOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedStringSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedStringSpliceOperationData;
import dev.tandem.interfaces.realtime.proto.model.ArrayInsertOperationData;
import dev.tandem.interfaces.realtime.proto.model.ArrayMoveOperationData;
import dev.tandem.interfaces.realtime.proto.model.ArrayRemoveOperationData;
import dev.tandem.interfaces.realtime.proto.model.ArrayReplaceOperationData;
import dev.tandem.interfaces.realtime.proto.model.ArraySetOperationData;
import dev.tandem.interfaces.realtime.proto.model.BooleanSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.CompoundOperationData;
import dev.tandem.interfaces.realtime.proto.model.DateSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.DiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.DoubleValue;
import dev.tandem.interfaces.realtime.proto.model.IndexRange;
import dev.tandem.interfaces.realtime.proto.model.IndexRangeList;
import dev.tandem.interfaces.realtime.proto.model.NumberDeltaOperationData;
import dev.tandem.interfaces.realtime.proto.model.NumberSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.ObjectAddPropertyOperationData;
import dev.tandem.interfaces.realtime.proto.model.ObjectRemovePropertyOperationData;
import dev.tandem.interfaces.realtime.proto.model.ObjectSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.ObjectSetPropertyOperationData;
import dev.tandem.interfaces.realtime.proto.model.OperationData;
import dev.tandem.interfaces.realtime.proto.model.ReferenceValues;
import dev.tandem.interfaces.realtime.proto.model.StringSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.StringSpliceOperationData;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
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
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversions between the model messages of the wire and Tandem's OT types.
 *
 * <p><b>From the client</b> ({@code fromWire}) every conversion validates what it reads and throws a
 * {@link ProtocolException} with code {@code malformed_request_content} and a message naming the field (for example
 * {@code operation.compoundOperation.operations[1].arrayInsertOperation.index: negative (-1)}) when a oneof member is
 * missing, an id is empty, an index or count is negative, a number is NaN, a required value or timestamp is absent,
 * or a timestamp is out of range. Absent proto3 scalars read as their defaults ({@code 0}, {@code ""},
 * {@code false}), as protobufjs omits or sends them. Ids, keys and strings are kept verbatim; timestamps keep their
 * nanoseconds (the client only ever sends milliseconds).
 *
 * <p><b>To the client</b> ({@code toWire}) follows what the rc.12 client reads:
 * <ul>
 *   <li>every value carries its id and its oneof member; a {@code DateValue} always carries its timestamp;</li>
 *   <li>operations round-trip exactly through {@link #fromWire(OperationData)}, {@code noOp} flags included;</li>
 *   <li>applied operations (history) carry the new values even for no-ops, because the client decodes them
 *       unconditionally, and the old values ({@code oldValue(s)}, a splice's {@code deletedValue}) whenever the
 *       operation is not a no-op; a missing old value stays unset, as the client only reads it when
 *       {@code noOp} is false. An applied number delta has no old value on the wire;</li>
 *   <li>reference values always set their oneof member, even for an empty list: the member is how the client
 *       learns the reference type.</li>
 * </ul>
 *
 * <p>The proto value messages share their simple names with the OT value records ({@code DataValue},
 * {@code ObjectValue}, ...); here the OT records are imported and the proto messages are written with their package.
 * {@code toWire} is overloaded: an argument whose static type is {@link ObjectValue} gives the proto
 * {@code ObjectValue}; cast it to {@link DataValue} for the {@code DataValue} wrapper.
 */
public final class ModelWire {

    /** The reference type names the client uses ({@code ModelReference.Types}). */
    public static final String INDEX = "index";
    /** See {@link #INDEX}. */
    public static final String RANGE = "range";
    /** See {@link #INDEX}. */
    public static final String PROPERTY = "property";
    /** See {@link #INDEX}. */
    public static final String ELEMENT = "element";

    private ModelWire() {}

    // ------------------------------------------------------------------------------------------------ values

    /**
     * A value sent by a client.
     *
     * @param wire the message; {@code null} counts as absent
     * @return the value with its ids as sent
     * @throws ProtocolException {@code malformed_request_content} if any node is malformed
     */
    public static DataValue fromWire(dev.tandem.interfaces.realtime.proto.model.DataValue wire) {
        return value(wire, "value");
    }

    /**
     * An object value sent by a client (model data on create and auto-create).
     *
     * @param wire the message; {@code null} counts as absent
     * @return the object with its ids as sent
     * @throws ProtocolException {@code malformed_request_content} if any node is malformed
     */
    public static ObjectValue fromWire(dev.tandem.interfaces.realtime.proto.model.ObjectValue wire) {
        if (wire == null) {
            throw malformed("data", "missing");
        }
        return object(wire, "data");
    }

    /**
     * A value for the wire.
     *
     * @param value the value
     * @return the message, with the oneof member set
     */
    public static dev.tandem.interfaces.realtime.proto.model.DataValue toWire(DataValue value) {
        var wire = dev.tandem.interfaces.realtime.proto.model.DataValue.newBuilder();
        if (value instanceof ObjectValue v) {
            wire.setObjectValue(toWire(v));
        } else if (value instanceof ArrayValue v) {
            var array = dev.tandem.interfaces.realtime.proto.model.ArrayValue.newBuilder()
                    .setId(v.id());
            for (DataValue child : v.children()) {
                array.addChildren(toWire(child));
            }
            wire.setArrayValue(array);
        } else if (value instanceof StringValue v) {
            wire.setStringValue(dev.tandem.interfaces.realtime.proto.model.StringValue.newBuilder()
                    .setId(v.id())
                    .setValue(v.value()));
        } else if (value instanceof NumberValue v) {
            wire.setDoubleValue(DoubleValue.newBuilder().setId(v.id()).setValue(v.value()));
        } else if (value instanceof BooleanValue v) {
            wire.setBooleanValue(dev.tandem.interfaces.realtime.proto.model.BooleanValue.newBuilder()
                    .setId(v.id())
                    .setValue(v.value()));
        } else if (value instanceof DateValue v) {
            wire.setDateValue(dev.tandem.interfaces.realtime.proto.model.DateValue.newBuilder()
                    .setId(v.id())
                    .setValue(timestamp(v.value())));
        } else if (value instanceof NullValue v) {
            wire.setNullValue(dev.tandem.interfaces.realtime.proto.model.NullValue.newBuilder()
                    .setId(v.id()));
        }
        return wire.build();
    }

    /**
     * An object value for the wire (model data in open, offline and history responses).
     *
     * @param value the object
     * @return the message
     */
    public static dev.tandem.interfaces.realtime.proto.model.ObjectValue toWire(ObjectValue value) {
        return dev.tandem.interfaces.realtime.proto.model.ObjectValue.newBuilder()
                .setId(value.id())
                .putAllChildren(mapToWire(value.children()))
                .build();
    }

    private static DataValue value(dev.tandem.interfaces.realtime.proto.model.DataValue wire, String path) {
        if (wire == null) {
            throw malformed(path, "missing");
        }
        switch (wire.getValueCase()) {
            case OBJECTVALUE:
                return object(wire.getObjectValue(), path + ".objectValue");
            case ARRAYVALUE: {
                var array = wire.getArrayValue();
                String arrayPath = path + ".arrayValue";
                String id = id(array.getId(), arrayPath);
                return new ArrayValue(id, values(array.getChildrenList(), arrayPath + ".children"));
            }
            case STRINGVALUE: {
                var string = wire.getStringValue();
                return new StringValue(id(string.getId(), path + ".stringValue"), string.getValue());
            }
            case DOUBLEVALUE: {
                DoubleValue number = wire.getDoubleValue();
                String numberPath = path + ".doubleValue";
                return new NumberValue(
                        id(number.getId(), numberPath), number(number.getValue(), numberPath + ".value"));
            }
            case BOOLEANVALUE: {
                var bool = wire.getBooleanValue();
                return new BooleanValue(id(bool.getId(), path + ".booleanValue"), bool.getValue());
            }
            case DATEVALUE: {
                var date = wire.getDateValue();
                String datePath = path + ".dateValue";
                String id = id(date.getId(), datePath);
                return new DateValue(id, instant(date.hasValue(), date.getValue(), datePath + ".value"));
            }
            case NULLVALUE:
                return new NullValue(id(wire.getNullValue().getId(), path + ".nullValue"));
            default:
                throw malformed(path, "no value type set");
        }
    }

    private static ObjectValue object(dev.tandem.interfaces.realtime.proto.model.ObjectValue wire, String path) {
        String id = id(wire.getId(), path);
        return new ObjectValue(id, valueMap(wire.getChildrenMap(), path + ".children"));
    }

    private static List<DataValue> values(
            List<dev.tandem.interfaces.realtime.proto.model.DataValue> wire, String path) {
        List<DataValue> values = new ArrayList<>(wire.size());
        for (int i = 0; i < wire.size(); i++) {
            values.add(value(wire.get(i), path + "[" + i + "]"));
        }
        return values;
    }

    private static Map<String, DataValue> valueMap(
            Map<String, dev.tandem.interfaces.realtime.proto.model.DataValue> wire, String path) {
        // protobuf keeps map entries in wire order; LinkedHashMap keeps that order for the model
        Map<String, DataValue> values = new LinkedHashMap<>();
        wire.forEach((key, child) -> values.put(key, value(child, path + "[\"" + key + "\"]")));
        return values;
    }

    private static List<dev.tandem.interfaces.realtime.proto.model.DataValue> listToWire(List<DataValue> values) {
        List<dev.tandem.interfaces.realtime.proto.model.DataValue> wire = new ArrayList<>(values.size());
        for (DataValue value : values) {
            wire.add(toWire(value));
        }
        return wire;
    }

    private static Map<String, dev.tandem.interfaces.realtime.proto.model.DataValue> mapToWire(
            Map<String, DataValue> values) {
        Map<String, dev.tandem.interfaces.realtime.proto.model.DataValue> wire = new LinkedHashMap<>();
        values.forEach((key, value) -> wire.put(key, toWire(value)));
        return wire;
    }

    // ------------------------------------------------------------------------------------------------ operations

    /**
     * An operation submitted by a client.
     *
     * @param wire the {@code operation} field of an {@code OperationSubmissionMessage}; {@code null} counts as absent
     * @return the discrete or compound operation, {@code noOp} flags as sent
     * @throws ProtocolException {@code malformed_request_content} if it is malformed
     */
    public static Operation fromWire(OperationData wire) {
        String path = "operation";
        if (wire == null) {
            throw malformed(path, "missing");
        }
        switch (wire.getOperationCase()) {
            case DISCRETEOPERATION:
                return discrete(wire.getDiscreteOperation(), path + ".discreteOperation");
            case COMPOUNDOPERATION: {
                List<DiscreteOperationData> ops = wire.getCompoundOperation().getOperationsList();
                String opsPath = path + ".compoundOperation.operations";
                // the client refuses to complete an empty batch, so an empty compound is not something it sends
                if (ops.isEmpty()) {
                    throw malformed(opsPath, "a compound operation needs at least one operation");
                }
                List<DiscreteOperation> discrete = new ArrayList<>(ops.size());
                for (int i = 0; i < ops.size(); i++) {
                    discrete.add(discrete(ops.get(i), opsPath + "[" + i + "]"));
                }
                return new CompoundOperation(discrete);
            }
            default:
                throw malformed(path, "neither discreteOperation nor compoundOperation set");
        }
    }

    /**
     * An operation for the wire ({@code remoteOperation}, resync replay).
     *
     * @param operation the operation
     * @return the message; {@link #fromWire(OperationData)} gives back an equal operation
     */
    public static OperationData toWire(Operation operation) {
        if (operation instanceof CompoundOperation compound) {
            CompoundOperationData.Builder wire = CompoundOperationData.newBuilder();
            for (DiscreteOperation op : compound.operations()) {
                wire.addOperations(discrete(op));
            }
            return OperationData.newBuilder().setCompoundOperation(wire).build();
        }
        return OperationData.newBuilder()
                .setDiscreteOperation(discrete((DiscreteOperation) operation))
                .build();
    }

    private static DiscreteOperation discrete(DiscreteOperationData wire, String path) {
        switch (wire.getOperationCase()) {
            case STRINGSPLICEOPERATION: {
                StringSpliceOperationData o = wire.getStringSpliceOperation();
                String p = path + ".stringSpliceOperation";
                return new StringSpliceOperation(
                        id(o.getId(), p),
                        o.getNoOp(),
                        index(o.getIndex(), p + ".index"),
                        index(o.getDeleteCount(), p + ".deleteCount"),
                        o.getInsertedValue());
            }
            case STRINGSETOPERATION: {
                StringSetOperationData o = wire.getStringSetOperation();
                return new StringSetOperation(id(o.getId(), path + ".stringSetOperation"), o.getNoOp(), o.getValue());
            }
            case ARRAYINSERTOPERATION: {
                ArrayInsertOperationData o = wire.getArrayInsertOperation();
                String p = path + ".arrayInsertOperation";
                return new ArrayInsertOperation(
                        id(o.getId(), p),
                        o.getNoOp(),
                        index(o.getIndex(), p + ".index"),
                        value(o.hasValue() ? o.getValue() : null, p + ".value"));
            }
            case ARRAYREMOVEOPERATION: {
                ArrayRemoveOperationData o = wire.getArrayRemoveOperation();
                String p = path + ".arrayRemoveOperation";
                return new ArrayRemoveOperation(id(o.getId(), p), o.getNoOp(), index(o.getIndex(), p + ".index"));
            }
            case ARRAYREPLACEOPERATION: {
                ArrayReplaceOperationData o = wire.getArrayReplaceOperation();
                String p = path + ".arrayReplaceOperation";
                return new ArrayReplaceOperation(
                        id(o.getId(), p),
                        o.getNoOp(),
                        index(o.getIndex(), p + ".index"),
                        value(o.hasValue() ? o.getValue() : null, p + ".value"));
            }
            case ARRAYMOVEOPERATION: {
                ArrayMoveOperationData o = wire.getArrayMoveOperation();
                String p = path + ".arrayMoveOperation";
                return new ArrayMoveOperation(
                        id(o.getId(), p),
                        o.getNoOp(),
                        index(o.getFromIndex(), p + ".fromIndex"),
                        index(o.getToIndex(), p + ".toIndex"));
            }
            case ARRAYSETOPERATION: {
                ArraySetOperationData o = wire.getArraySetOperation();
                String p = path + ".arraySetOperation";
                return new ArraySetOperation(id(o.getId(), p), o.getNoOp(), values(o.getValuesList(), p + ".values"));
            }
            case OBJECTADDPROPERTYOPERATION: {
                ObjectAddPropertyOperationData o = wire.getObjectAddPropertyOperation();
                String p = path + ".objectAddPropertyOperation";
                return new ObjectAddPropertyOperation(
                        id(o.getId(), p),
                        o.getNoOp(),
                        o.getKey(),
                        value(o.hasValue() ? o.getValue() : null, p + ".value"));
            }
            case OBJECTSETPROPERTYOPERATION: {
                ObjectSetPropertyOperationData o = wire.getObjectSetPropertyOperation();
                String p = path + ".objectSetPropertyOperation";
                return new ObjectSetPropertyOperation(
                        id(o.getId(), p),
                        o.getNoOp(),
                        o.getKey(),
                        value(o.hasValue() ? o.getValue() : null, p + ".value"));
            }
            case OBJECTREMOVEPROPERTYOPERATION: {
                ObjectRemovePropertyOperationData o = wire.getObjectRemovePropertyOperation();
                return new ObjectRemovePropertyOperation(
                        id(o.getId(), path + ".objectRemovePropertyOperation"), o.getNoOp(), o.getKey());
            }
            case OBJECTSETOPERATION: {
                // an empty map is legal here (the app set {}); it crashes rc.12 receivers, but that is theirs to fix
                ObjectSetOperationData o = wire.getObjectSetOperation();
                String p = path + ".objectSetOperation";
                return new ObjectSetOperation(id(o.getId(), p), o.getNoOp(), valueMap(o.getValuesMap(), p + ".values"));
            }
            case NUMBERDELTAOPERATION: {
                NumberDeltaOperationData o = wire.getNumberDeltaOperation();
                String p = path + ".numberDeltaOperation";
                return new NumberDeltaOperation(id(o.getId(), p), o.getNoOp(), number(o.getDelta(), p + ".delta"));
            }
            case NUMBERSETOPERATION: {
                NumberSetOperationData o = wire.getNumberSetOperation();
                String p = path + ".numberSetOperation";
                return new NumberSetOperation(id(o.getId(), p), o.getNoOp(), number(o.getValue(), p + ".value"));
            }
            case BOOLEANSETOPERATION: {
                BooleanSetOperationData o = wire.getBooleanSetOperation();
                return new BooleanSetOperation(id(o.getId(), path + ".booleanSetOperation"), o.getNoOp(), o.getValue());
            }
            case DATESETOPERATION: {
                DateSetOperationData o = wire.getDateSetOperation();
                String p = path + ".dateSetOperation";
                return new DateSetOperation(
                        id(o.getId(), p), o.getNoOp(), instant(o.hasValue(), o.getValue(), p + ".value"));
            }
            default:
                throw malformed(path, "no operation type set");
        }
    }

    private static DiscreteOperationData discrete(DiscreteOperation op) {
        DiscreteOperationData.Builder wire = DiscreteOperationData.newBuilder();
        if (op instanceof StringSpliceOperation o) {
            wire.setStringSpliceOperation(StringSpliceOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setIndex(o.index())
                    .setDeleteCount(o.deleteCount())
                    .setInsertedValue(o.insertValue()));
        } else if (op instanceof StringSetOperation o) {
            wire.setStringSetOperation(StringSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setValue(o.value()));
        } else if (op instanceof ArrayInsertOperation o) {
            wire.setArrayInsertOperation(ArrayInsertOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setIndex(o.index())
                    .setValue(toWire(o.value())));
        } else if (op instanceof ArrayRemoveOperation o) {
            wire.setArrayRemoveOperation(ArrayRemoveOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setIndex(o.index()));
        } else if (op instanceof ArrayReplaceOperation o) {
            wire.setArrayReplaceOperation(ArrayReplaceOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setIndex(o.index())
                    .setValue(toWire(o.value())));
        } else if (op instanceof ArrayMoveOperation o) {
            wire.setArrayMoveOperation(ArrayMoveOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setFromIndex(o.fromIndex())
                    .setToIndex(o.toIndex()));
        } else if (op instanceof ArraySetOperation o) {
            wire.setArraySetOperation(ArraySetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .addAllValues(listToWire(o.values())));
        } else if (op instanceof ObjectAddPropertyOperation o) {
            wire.setObjectAddPropertyOperation(ObjectAddPropertyOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setKey(o.key())
                    .setValue(toWire(o.value())));
        } else if (op instanceof ObjectSetPropertyOperation o) {
            wire.setObjectSetPropertyOperation(ObjectSetPropertyOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setKey(o.key())
                    .setValue(toWire(o.value())));
        } else if (op instanceof ObjectRemovePropertyOperation o) {
            wire.setObjectRemovePropertyOperation(ObjectRemovePropertyOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setKey(o.key()));
        } else if (op instanceof ObjectSetOperation o) {
            wire.setObjectSetOperation(ObjectSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .putAllValues(mapToWire(o.values())));
        } else if (op instanceof NumberDeltaOperation o) {
            wire.setNumberDeltaOperation(NumberDeltaOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setDelta(o.delta()));
        } else if (op instanceof NumberSetOperation o) {
            wire.setNumberSetOperation(NumberSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setValue(o.value()));
        } else if (op instanceof BooleanSetOperation o) {
            wire.setBooleanSetOperation(BooleanSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setValue(o.value()));
        } else if (op instanceof DateSetOperation o) {
            wire.setDateSetOperation(DateSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setValue(timestamp(o.value())));
        }
        return wire.build();
    }

    // ------------------------------------------------------------------------------------------------ history

    /**
     * An applied operation for {@code historicalOperationsResponse}.
     *
     * @param applied the stored applied operation
     * @return the message the client's history playback decodes
     */
    public static AppliedOperationData toWire(AppliedOperation applied) {
        if (applied instanceof AppliedCompoundOperation compound) {
            AppliedCompoundOperationData.Builder wire = AppliedCompoundOperationData.newBuilder();
            for (AppliedDiscreteOperation op : compound.operations()) {
                wire.addOperations(applied(op));
            }
            return AppliedOperationData.newBuilder().setCompoundOperation(wire).build();
        }
        return AppliedOperationData.newBuilder()
                .setDiscreteOperation(applied((AppliedDiscreteOperation) applied))
                .build();
    }

    private static AppliedDiscreteOperationData applied(AppliedDiscreteOperation op) {
        AppliedDiscreteOperationData.Builder wire = AppliedDiscreteOperationData.newBuilder();
        if (op instanceof AppliedStringSpliceOperation o) {
            // the client derives the delete count from deletedValue's length
            wire.setStringSpliceOperation(AppliedStringSpliceOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setIndex(o.index())
                    .setDeletedValue(o.deletedValue())
                    .setInsertedValue(o.insertedValue()));
        } else if (op instanceof AppliedStringSetOperation o) {
            AppliedStringSetOperationData.Builder b = AppliedStringSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setValue(o.value());
            if (o.oldValue() != null) {
                b.setOldValue(o.oldValue());
            }
            wire.setStringSetOperation(b);
        } else if (op instanceof AppliedArrayInsertOperation o) {
            wire.setArrayInsertOperation(AppliedArrayInsertOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setIndex(o.index())
                    .setValue(toWire(o.value())));
        } else if (op instanceof AppliedArrayRemoveOperation o) {
            AppliedArrayRemoveOperationData.Builder b = AppliedArrayRemoveOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setIndex(o.index());
            if (o.oldValue() != null) {
                b.setOldValue(toWire(o.oldValue()));
            }
            wire.setArrayRemoveOperation(b);
        } else if (op instanceof AppliedArrayReplaceOperation o) {
            AppliedArrayReplaceOperationData.Builder b = AppliedArrayReplaceOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setIndex(o.index())
                    .setValue(toWire(o.value()));
            if (o.oldValue() != null) {
                b.setOldValue(toWire(o.oldValue()));
            }
            wire.setArrayReplaceOperation(b);
        } else if (op instanceof AppliedArrayMoveOperation o) {
            wire.setArrayMoveOperation(AppliedArrayMoveOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setFromIndex(o.fromIndex())
                    .setToIndex(o.toIndex()));
        } else if (op instanceof AppliedArraySetOperation o) {
            AppliedArraySetOperationData.Builder b = AppliedArraySetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .addAllValues(listToWire(o.values()));
            if (o.oldValues() != null) {
                b.addAllOldValues(listToWire(o.oldValues()));
            }
            wire.setArraySetOperation(b);
        } else if (op instanceof AppliedObjectAddPropertyOperation o) {
            wire.setObjectAddPropertyOperation(AppliedObjectAddPropertyOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setKey(o.key())
                    .setValue(toWire(o.value())));
        } else if (op instanceof AppliedObjectSetPropertyOperation o) {
            AppliedObjectSetPropertyOperationData.Builder b = AppliedObjectSetPropertyOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setKey(o.key())
                    .setValue(toWire(o.value()));
            if (o.oldValue() != null) {
                b.setOldValue(toWire(o.oldValue()));
            }
            wire.setObjectSetPropertyOperation(b);
        } else if (op instanceof AppliedObjectRemovePropertyOperation o) {
            // sent canonically; rc.12 reads the wrong oneof member here and rejects playTo (a client defect)
            AppliedObjectRemovePropertyOperationData.Builder b = AppliedObjectRemovePropertyOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setKey(o.key());
            if (o.oldValue() != null) {
                b.setOldValue(toWire(o.oldValue()));
            }
            wire.setObjectRemovePropertyOperation(b);
        } else if (op instanceof AppliedObjectSetOperation o) {
            AppliedObjectSetOperationData.Builder b = AppliedObjectSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .putAllValues(mapToWire(o.values()));
            if (o.oldValues() != null) {
                b.putAllOldValues(mapToWire(o.oldValues()));
            }
            wire.setObjectSetOperation(b);
        } else if (op instanceof AppliedNumberDeltaOperation o) {
            wire.setNumberDeltaOperation(AppliedNumberDeltaOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setDelta(o.delta()));
        } else if (op instanceof AppliedNumberSetOperation o) {
            AppliedNumberSetOperationData.Builder b = AppliedNumberSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setValue(o.value());
            if (o.oldValue() != null) {
                b.setOldValue(o.oldValue());
            }
            wire.setNumberSetOperation(b);
        } else if (op instanceof AppliedBooleanSetOperation o) {
            AppliedBooleanSetOperationData.Builder b = AppliedBooleanSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setValue(o.value());
            if (o.oldValue() != null) {
                b.setOldValue(o.oldValue());
            }
            wire.setBooleanSetOperation(b);
        } else if (op instanceof AppliedDateSetOperation o) {
            AppliedDateSetOperationData.Builder b = AppliedDateSetOperationData.newBuilder()
                    .setId(o.id())
                    .setNoOp(o.noOp())
                    .setValue(timestamp(o.value()));
            if (o.oldValue() != null) {
                b.setOldValue(timestamp(o.oldValue()));
            }
            wire.setDateSetOperation(b);
        }
        return wire.build();
    }

    // ------------------------------------------------------------------------------------------------ references

    /**
     * A reference value shared or set by a client.
     *
     * <p>Model-level (element) references arrive with a present but empty {@code valueId} wrapper, so an empty string
     * means "no value id"; pass {@code message.getValueId().getValue()}, which is {@code ""} both for an absent and for
     * an empty wrapper.
     *
     * @param valueIdOrEmpty the value id, {@code ""} or {@code null} for a model-level reference
     * @param values the {@code references} field; {@code null} counts as absent
     * @return the reference value
     * @throws ProtocolException {@code malformed_request_content} if no type is set, an index is negative, an element
     *     id is empty, or the value id does not fit the type (required for index, range and property references,
     *     forbidden for element references)
     */
    public static ReferenceValue fromWire(String valueIdOrEmpty, ReferenceValues values) {
        String path = "references";
        if (values == null) {
            throw malformed(path, "missing");
        }
        String valueId = valueIdOrEmpty == null ? "" : valueIdOrEmpty;
        switch (values.getValuesCase()) {
            case INDICES: {
                List<Integer> indices = values.getIndices().getValuesList();
                for (int i = 0; i < indices.size(); i++) {
                    index(indices.get(i), path + ".indices.values[" + i + "]");
                }
                return new IndexReference(requiredValueId(valueId, INDEX), indices);
            }
            case RANGES: {
                List<IndexRange> wire = values.getRanges().getValuesList();
                List<RangeReference.Range> ranges = new ArrayList<>(wire.size());
                for (int i = 0; i < wire.size(); i++) {
                    String p = path + ".ranges.values[" + i + "]";
                    ranges.add(new RangeReference.Range(
                            index(wire.get(i).getStartIndex(), p + ".startIndex"),
                            index(wire.get(i).getEndIndex(), p + ".endIndex")));
                }
                return new RangeReference(requiredValueId(valueId, RANGE), ranges);
            }
            case PROPERTIES:
                return new PropertyReference(
                        requiredValueId(valueId, PROPERTY),
                        values.getProperties().getValuesList());
            case ELEMENTS: {
                if (!valueId.isEmpty()) {
                    throw malformed("valueId", "element references are model-level and take no value id");
                }
                List<String> ids = values.getElements().getValuesList();
                for (int i = 0; i < ids.size(); i++) {
                    id(ids.get(i), path + ".elements.values[" + i + "]");
                }
                return new ElementReference(ids);
            }
            default:
                throw malformed(path, "no reference type set");
        }
    }

    /**
     * Reference values for the wire. The oneof member is set even for an empty list.
     *
     * @param reference the reference value
     * @return the message
     */
    public static ReferenceValues toWire(ReferenceValue reference) {
        ReferenceValues.Builder wire = ReferenceValues.newBuilder();
        if (reference instanceof IndexReference r) {
            wire.setIndices(Int32List.newBuilder().addAllValues(r.indices()));
        } else if (reference instanceof RangeReference r) {
            IndexRangeList.Builder ranges = IndexRangeList.newBuilder();
            for (RangeReference.Range range : r.ranges()) {
                ranges.addValues(
                        IndexRange.newBuilder().setStartIndex(range.start()).setEndIndex(range.end()));
            }
            wire.setRanges(ranges);
        } else if (reference instanceof PropertyReference r) {
            wire.setProperties(StringList.newBuilder().addAllValues(r.keys()));
        } else if (reference instanceof ElementReference r) {
            wire.setElements(StringList.newBuilder().addAllValues(r.elementIds()));
        }
        return wire.build();
    }

    /**
     * The {@code valueId} to send with a reference event. Leave the field unset when this is empty: the client drops
     * an event whose value id is present but empty.
     *
     * @param valueIdOrNull the reference's value id ({@link ReferenceValue#valueId()}), {@code null} or {@code ""}
     *     for a model-level reference
     * @return the wrapper, or empty for a model-level reference
     */
    public static Optional<com.google.protobuf.StringValue> valueIdToWire(String valueIdOrNull) {
        return valueIdOrNull == null || valueIdOrNull.isEmpty()
                ? Optional.empty()
                : Optional.of(com.google.protobuf.StringValue.of(valueIdOrNull));
    }

    /**
     * The reference type as the client names it ({@code ModelReference.Types}).
     *
     * @param reference a reference value
     * @return {@code "index"}, {@code "range"}, {@code "property"} or {@code "element"}
     */
    public static String referenceType(ReferenceValue reference) {
        if (reference instanceof IndexReference) {
            return INDEX;
        } else if (reference instanceof RangeReference) {
            return RANGE;
        } else if (reference instanceof PropertyReference) {
            return PROPERTY;
        }
        return ELEMENT;
    }

    // ------------------------------------------------------------------------------------------------ scalars

    /**
     * A timestamp for the wire. The client rounds it to milliseconds.
     *
     * @param instant the instant
     * @return seconds and nanoseconds as {@link Instant} normalises them (nanos in {@code [0, 1e9)})
     */
    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    private static Instant instant(boolean present, Timestamp wire, String path) {
        if (!present) {
            throw malformed(path, "missing timestamp");
        }
        if (wire.getNanos() < 0 || wire.getNanos() > 999_999_999) {
            throw malformed(path, "nanos out of range (" + wire.getNanos() + ")");
        }
        try {
            return Instant.ofEpochSecond(wire.getSeconds(), wire.getNanos());
        } catch (DateTimeException | ArithmeticException e) {
            throw malformed(path, "seconds out of range (" + wire.getSeconds() + ")");
        }
    }

    private static String id(String id, String path) {
        if (id == null || id.isEmpty()) {
            throw malformed(path + ".id", "missing id");
        }
        return id;
    }

    private static int index(int index, String path) {
        if (index < 0) {
            throw malformed(path, "negative (" + index + ")");
        }
        return index;
    }

    private static double number(double value, String path) {
        if (Double.isNaN(value)) {
            throw malformed(path, "NaN is not a valid number");
        }
        return value;
    }

    private static String requiredValueId(String valueId, String type) {
        if (valueId.isEmpty()) {
            throw malformed("valueId", type + " references need the id of the value they live on");
        }
        return valueId;
    }

    private static ProtocolException malformed(String path, String problem) {
        return new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, path + ": " + problem);
    }
}
