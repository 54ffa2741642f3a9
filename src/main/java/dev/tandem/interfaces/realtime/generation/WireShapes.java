package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether two generated message types are the same on the wire: the same field numbers, each with the same type and
 * cardinality, nested messages alike recursively, enums with the same numbers. Names do not matter (a frame carries
 * numbers only), so a message renamed between generations is still the same.
 */
final class WireShapes {

    private WireShapes() {}

    static boolean identical(Descriptor a, Descriptor b) {
        return identical(a, b, new HashSet<>());
    }

    /**
     * Whether two body types are the same on the wire but for their {@code resourceId} (field 1), a string in
     * {@code a} and an int32 in {@code b}: the model messages of G1-G5 and of G6-G7.
     */
    static boolean identicalButResourceId(Descriptor a, Descriptor b) {
        FieldDescriptor idA = a.findFieldByNumber(1);
        FieldDescriptor idB = b.findFieldByNumber(1);
        if (idA == null
                || idB == null
                || !idA.getName().equals("resourceId")
                || !idB.getName().equals("resourceId")
                || idA.getType() != FieldDescriptor.Type.STRING
                || idB.getType() != FieldDescriptor.Type.INT32) {
            return false;
        }
        return identical(a, b, new HashSet<>(), 1);
    }

    private static boolean identical(Descriptor a, Descriptor b, Set<List<String>> assumed) {
        return identical(a, b, assumed, 0);
    }

    /** {@code except}: a field number of {@code a} and {@code b} themselves not compared (0 for none). */
    private static boolean identical(Descriptor a, Descriptor b, Set<List<String>> assumed, int except) {
        if (a == b) {
            return true; // google.protobuf types, shared by both generations
        }
        // A type that contains itself (through a map or list) is assumed identical while its fields are compared.
        if (!assumed.add(List.of(a.getFullName(), b.getFullName()))) {
            return true;
        }
        List<FieldDescriptor> fieldsA = a.getFields();
        if (fieldsA.size() != b.getFields().size()) {
            return false;
        }
        for (FieldDescriptor fieldA : fieldsA) {
            if (fieldA.getNumber() == except) {
                continue;
            }
            FieldDescriptor fieldB = b.findFieldByNumber(fieldA.getNumber());
            if (fieldB == null
                    || fieldA.getType() != fieldB.getType()
                    || fieldA.isRepeated() != fieldB.isRepeated()
                    || fieldA.isMapField() != fieldB.isMapField()) {
                return false;
            }
            switch (fieldA.getJavaType()) {
                case MESSAGE -> {
                    if (!identical(fieldA.getMessageType(), fieldB.getMessageType(), assumed)) {
                        return false;
                    }
                }
                case ENUM -> {
                    if (!identical(fieldA.getEnumType(), fieldB.getEnumType())) {
                        return false;
                    }
                }
                default -> {
                    // a scalar: its type was compared above
                }
            }
        }
        return true;
    }

    private static boolean identical(EnumDescriptor a, EnumDescriptor b) {
        if (a.getValues().size() != b.getValues().size()) {
            return false;
        }
        for (EnumValueDescriptor value : a.getValues()) {
            if (b.findValueByNumber(value.getNumber()) == null) {
                return false;
            }
        }
        return true;
    }
}
