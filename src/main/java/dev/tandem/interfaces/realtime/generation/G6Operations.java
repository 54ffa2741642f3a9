package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.tandem.interfaces.realtime.proto.g6.model.AppliedStringInsertOperationData;
import dev.tandem.interfaces.realtime.proto.g6.model.AppliedStringRemoveOperationData;
import dev.tandem.interfaces.realtime.proto.g6.model.StringInsertOperationData;
import dev.tandem.interfaces.realtime.proto.g6.model.StringRemoveOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedCompoundOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedDiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedStringSpliceOperationData;
import dev.tandem.interfaces.realtime.proto.model.CompoundOperationData;
import dev.tandem.interfaces.realtime.proto.model.DiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.OperationData;
import dev.tandem.interfaces.realtime.proto.model.StringSpliceOperationData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Model operations between G6 and G7, the one table of what differs (compat/generations/diffs/G6--G7.txt):
 *
 * <ul>
 *   <li>G6's {@code stringInsertOperation} (1) and {@code stringRemoveOperation} (2) are G7's one
 *       {@code stringSpliceOperation} (1): an insert is a splice that deletes nothing, a remove one that inserts
 *       nothing. A G7 splice that does both reaches G6 as a remove then an insert at the same index, in one compound
 *       operation (applied at one version, as the splice was).
 *   <li>Every other operation has the same name and fields in both and is numbered one lower in G7 ({@code stringSet}
 *       3 → 2 ... {@code dateSet} 16 → 15): copied by name. That they are the same on the wire is checked when the
 *       class loads.
 * </ul>
 *
 * <p>A G7 splice names how many characters it deletes, G6's remove the deleted text itself. rc.9 uses that text only
 * for its length (it removes {@code value.length} characters, reports the removed text from its own copy of the
 * string, and its transforms only cut and join the value), so the text is sent as that many placeholder characters:
 * the edge does not know the model's content, and rc.9's behaviour does not depend on it. UTF-16 code units in both
 * (the clients are JavaScript; a Java {@code String} counts the same).
 */
final class G6Operations {

    /** What rc.9 receives in place of deleted text it only measures. */
    static final char PLACEHOLDER = '\uFFFD';

    private static final Set<String> STRING_OPERATIONS =
            Set.of("stringInsertOperation", "stringRemoveOperation", "stringSpliceOperation");

    static {
        requireSameShapesByName(
                dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.getDescriptor(),
                DiscreteOperationData.getDescriptor());
        requireSameShapesByName(
                dev.tandem.interfaces.realtime.proto.g6.model.AppliedDiscreteOperationData.getDescriptor(),
                AppliedDiscreteOperationData.getDescriptor());
    }

    private G6Operations() {}

    // ---- G6 to G7: what an rc.9 client submits ----

    static OperationData toG7(dev.tandem.interfaces.realtime.proto.g6.model.OperationData operation) {
        return switch (operation.getOperationCase()) {
            case DISCRETEOPERATION ->
                OperationData.newBuilder()
                        .setDiscreteOperation(toG7(operation.getDiscreteOperation()))
                        .build();
            case COMPOUNDOPERATION -> {
                CompoundOperationData.Builder compound = CompoundOperationData.newBuilder();
                for (var discrete : operation.getCompoundOperation().getOperationsList()) {
                    compound.addOperations(toG7(discrete));
                }
                yield OperationData.newBuilder().setCompoundOperation(compound).build();
            }
            case OPERATION_NOT_SET -> OperationData.getDefaultInstance(); // the model refuses it, as from rc.12
        };
    }

    static DiscreteOperationData toG7(dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData operation) {
        return switch (operation.getOperationCase()) {
            case STRINGINSERTOPERATION -> {
                StringInsertOperationData insert = operation.getStringInsertOperation();
                yield DiscreteOperationData.newBuilder()
                        .setStringSpliceOperation(StringSpliceOperationData.newBuilder()
                                .setId(insert.getId())
                                .setNoOp(insert.getNoOp())
                                .setIndex(insert.getIndex())
                                .setInsertedValue(insert.getValue()))
                        .build();
            }
            case STRINGREMOVEOPERATION -> {
                StringRemoveOperationData remove = operation.getStringRemoveOperation();
                yield DiscreteOperationData.newBuilder()
                        .setStringSpliceOperation(StringSpliceOperationData.newBuilder()
                                .setId(remove.getId())
                                .setNoOp(remove.getNoOp())
                                .setIndex(remove.getIndex())
                                .setDeleteCount(remove.getValue().length()))
                        .build();
            }
            case OPERATION_NOT_SET -> DiscreteOperationData.getDefaultInstance();
            default -> (DiscreteOperationData) sameByName(operation, DiscreteOperationData.newBuilder());
        };
    }

    // ---- G7 to G6: what an rc.9 client receives ----

    static dev.tandem.interfaces.realtime.proto.g6.model.OperationData toG6(OperationData operation) {
        var out = dev.tandem.interfaces.realtime.proto.g6.model.OperationData.newBuilder();
        switch (operation.getOperationCase()) {
            case DISCRETEOPERATION -> {
                var discrete = toG6(operation.getDiscreteOperation());
                if (discrete.size() == 1) {
                    out.setDiscreteOperation(discrete.get(0));
                } else {
                    out.getCompoundOperationBuilder().addAllOperations(discrete);
                }
            }
            case COMPOUNDOPERATION -> {
                var compound = out.getCompoundOperationBuilder();
                for (DiscreteOperationData discrete :
                        operation.getCompoundOperation().getOperationsList()) {
                    compound.addAllOperations(toG6(discrete));
                }
            }
            case OPERATION_NOT_SET -> {
                // nothing to carry
            }
        }
        return out.build();
    }

    /** One G7 operation as the G6 operations that do the same: one, or two for a splice that deletes and inserts. */
    static List<dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData> toG6(
            DiscreteOperationData operation) {
        if (operation.getOperationCase() != DiscreteOperationData.OperationCase.STRINGSPLICEOPERATION) {
            var out = dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.newBuilder();
            return operation.getOperationCase() == DiscreteOperationData.OperationCase.OPERATION_NOT_SET
                    ? List.of(out.build())
                    : List.of((dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData)
                            sameByName(operation, out));
        }
        StringSpliceOperationData splice = operation.getStringSpliceOperation();
        List<dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData> out = new ArrayList<>(2);
        if (splice.getDeleteCount() > 0) {
            out.add(dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.newBuilder()
                    .setStringRemoveOperation(StringRemoveOperationData.newBuilder()
                            .setId(splice.getId())
                            .setNoOp(splice.getNoOp())
                            .setIndex(splice.getIndex())
                            .setValue(String.valueOf(PLACEHOLDER).repeat(splice.getDeleteCount())))
                    .build());
        }
        if (!splice.getInsertedValue().isEmpty() || out.isEmpty()) {
            out.add(dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.newBuilder()
                    .setStringInsertOperation(StringInsertOperationData.newBuilder()
                            .setId(splice.getId())
                            .setNoOp(splice.getNoOp())
                            .setIndex(splice.getIndex())
                            .setValue(splice.getInsertedValue()))
                    .build());
        }
        return out;
    }

    static dev.tandem.interfaces.realtime.proto.g6.model.AppliedOperationData toG6(AppliedOperationData operation) {
        var out = dev.tandem.interfaces.realtime.proto.g6.model.AppliedOperationData.newBuilder();
        switch (operation.getOperationCase()) {
            case DISCRETEOPERATION -> {
                var discrete = toG6(operation.getDiscreteOperation());
                if (discrete.size() == 1) {
                    out.setDiscreteOperation(discrete.get(0));
                } else {
                    out.getCompoundOperationBuilder().addAllOperations(discrete);
                }
            }
            case COMPOUNDOPERATION -> {
                var compound = out.getCompoundOperationBuilder();
                AppliedCompoundOperationData applied = operation.getCompoundOperation();
                for (AppliedDiscreteOperationData discrete : applied.getOperationsList()) {
                    compound.addAllOperations(toG6(discrete));
                }
            }
            case OPERATION_NOT_SET -> {
                // nothing to carry
            }
        }
        return out.build();
    }

    /** An applied G7 operation (history) as G6's: a splice carries the deleted text, so nothing is left out. */
    static List<dev.tandem.interfaces.realtime.proto.g6.model.AppliedDiscreteOperationData> toG6(
            AppliedDiscreteOperationData operation) {
        if (operation.getOperationCase() != AppliedDiscreteOperationData.OperationCase.STRINGSPLICEOPERATION) {
            var out = dev.tandem.interfaces.realtime.proto.g6.model.AppliedDiscreteOperationData.newBuilder();
            return operation.getOperationCase() == AppliedDiscreteOperationData.OperationCase.OPERATION_NOT_SET
                    ? List.of(out.build())
                    : List.of((dev.tandem.interfaces.realtime.proto.g6.model.AppliedDiscreteOperationData)
                            sameByName(operation, out));
        }
        AppliedStringSpliceOperationData splice = operation.getStringSpliceOperation();
        List<dev.tandem.interfaces.realtime.proto.g6.model.AppliedDiscreteOperationData> out = new ArrayList<>(2);
        if (!splice.getDeletedValue().isEmpty()) {
            out.add(dev.tandem.interfaces.realtime.proto.g6.model.AppliedDiscreteOperationData.newBuilder()
                    .setStringRemoveOperation(AppliedStringRemoveOperationData.newBuilder()
                            .setId(splice.getId())
                            .setNoOp(splice.getNoOp())
                            .setIndex(splice.getIndex())
                            .setLength(splice.getDeletedValue().length())
                            .setOldValue(splice.getDeletedValue()))
                    .build());
        }
        if (!splice.getInsertedValue().isEmpty() || out.isEmpty()) {
            out.add(dev.tandem.interfaces.realtime.proto.g6.model.AppliedDiscreteOperationData.newBuilder()
                    .setStringInsertOperation(AppliedStringInsertOperationData.newBuilder()
                            .setId(splice.getId())
                            .setNoOp(splice.getNoOp())
                            .setIndex(splice.getIndex())
                            .setValue(splice.getInsertedValue()))
                    .build());
        }
        return out;
    }

    // ---- the operations both generations share ----

    /**
     * Copies the operation set in {@code from}'s oneof into the member of the same name of {@code into}: the same
     * message on the wire (checked at class load), under another field number.
     */
    private static Message sameByName(Message from, Message.Builder into) {
        FieldDescriptor fromField = from.getOneofFieldDescriptor(
                from.getDescriptorForType().getOneofs().get(0));
        FieldDescriptor intoField = into.getDescriptorForType().findFieldByName(fromField.getName());
        try {
            Message value = into.newBuilderForField(intoField)
                    .mergeFrom(((Message) from.getField(fromField)).toByteString())
                    .build();
            return into.setField(intoField, value).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("same-shaped operation did not parse: " + fromField.getFullName(), e);
        }
    }

    /** Every operation but the string ones must exist in both oneofs, by name, with the same shape. */
    private static void requireSameShapesByName(Descriptor g6, Descriptor g7) {
        if (g6.getOneofs().size() != 1 || g7.getOneofs().size() != 1) {
            throw new IllegalStateException(g6.getFullName() + ": expected one oneof");
        }
        int shared = 0;
        for (FieldDescriptor field : g6.getOneofs().get(0).getFields()) {
            if (STRING_OPERATIONS.contains(field.getName())) {
                continue;
            }
            FieldDescriptor other = g7.findFieldByName(field.getName());
            if (other == null || !WireShapes.identical(field.getMessageType(), other.getMessageType())) {
                throw new IllegalStateException(
                        field.getFullName() + " has no same-shaped counterpart in " + g7.getFullName());
            }
            shared++;
        }
        if (shared + 1 != g7.getOneofs().get(0).getFieldCount()) {
            throw new IllegalStateException(g7.getFullName() + " has operations G6 does not: translate them");
        }
    }
}
