package dev.tandem.model.storage;

import static dev.tandem.model.storage.JsonFields.array;
import static dev.tandem.model.storage.JsonFields.bool;
import static dev.tandem.model.storage.JsonFields.flag;
import static dev.tandem.model.storage.JsonFields.head;
import static dev.tandem.model.storage.JsonFields.instant;
import static dev.tandem.model.storage.JsonFields.integer;
import static dev.tandem.model.storage.JsonFields.isAbsent;
import static dev.tandem.model.storage.JsonFields.number;
import static dev.tandem.model.storage.JsonFields.object;
import static dev.tandem.model.storage.JsonFields.string;
import static dev.tandem.model.storage.JsonFields.tag;
import static dev.tandem.model.storage.ValueJson.value;
import static dev.tandem.model.storage.ValueJson.valueList;
import static dev.tandem.model.storage.ValueJson.valueMap;

import dev.tandem.ot.operation.AppliedArrayInsertOperation;
import dev.tandem.ot.operation.AppliedArrayMoveOperation;
import dev.tandem.ot.operation.AppliedArrayRemoveOperation;
import dev.tandem.ot.operation.AppliedArrayReplaceOperation;
import dev.tandem.ot.operation.AppliedArraySetOperation;
import dev.tandem.ot.operation.AppliedBooleanSetOperation;
import dev.tandem.ot.operation.AppliedDateSetOperation;
import dev.tandem.ot.operation.AppliedDiscreteOperation;
import dev.tandem.ot.operation.AppliedNumberDeltaOperation;
import dev.tandem.ot.operation.AppliedNumberSetOperation;
import dev.tandem.ot.operation.AppliedObjectAddPropertyOperation;
import dev.tandem.ot.operation.AppliedObjectRemovePropertyOperation;
import dev.tandem.ot.operation.AppliedObjectSetOperation;
import dev.tandem.ot.operation.AppliedObjectSetPropertyOperation;
import dev.tandem.ot.operation.AppliedStringSetOperation;
import dev.tandem.ot.operation.AppliedStringSpliceOperation;
import dev.tandem.ot.value.DataValue;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;

/**
 * Applied discrete operations in {@link ModelJson}'s format: the operation table's fields with the applied column
 * (the deleted text, the {@code old} values), one case per operation type.
 */
final class AppliedOperationJson {

    private AppliedOperationJson() {}

    static void write(JsonGenerator g, AppliedDiscreteOperation op) {
        if (op instanceof AppliedStringSpliceOperation o) {
            head(g, "str.splice", o.id(), o.noOp());
            g.write("i", o.index()).write("del", o.deletedValue()).write("ins", o.insertedValue());
        } else if (op instanceof AppliedStringSetOperation o) {
            head(g, "str.set", o.id(), o.noOp());
            g.write("v", o.value());
            if (o.oldValue() != null) {
                g.write("old", o.oldValue());
            }
        } else if (op instanceof AppliedArrayInsertOperation o) {
            head(g, "arr.insert", o.id(), o.noOp());
            g.write("i", o.index());
            value(g, "v", o.value());
        } else if (op instanceof AppliedArrayRemoveOperation o) {
            head(g, "arr.remove", o.id(), o.noOp());
            g.write("i", o.index());
            optionalValue(g, o.oldValue());
        } else if (op instanceof AppliedArrayReplaceOperation o) {
            head(g, "arr.replace", o.id(), o.noOp());
            g.write("i", o.index());
            value(g, "v", o.value());
            optionalValue(g, o.oldValue());
        } else if (op instanceof AppliedArrayMoveOperation o) {
            head(g, "arr.move", o.id(), o.noOp());
            g.write("from", o.fromIndex()).write("to", o.toIndex());
        } else if (op instanceof AppliedArraySetOperation o) {
            head(g, "arr.set", o.id(), o.noOp());
            valueList(g, "v", o.values());
            if (o.oldValues() != null) {
                valueList(g, "old", o.oldValues());
            }
        } else if (op instanceof AppliedObjectAddPropertyOperation o) {
            head(g, "obj.add", o.id(), o.noOp());
            g.write("k", o.key());
            value(g, "v", o.value());
        } else if (op instanceof AppliedObjectSetPropertyOperation o) {
            head(g, "obj.setProp", o.id(), o.noOp());
            g.write("k", o.key());
            value(g, "v", o.value());
            optionalValue(g, o.oldValue());
        } else if (op instanceof AppliedObjectRemovePropertyOperation o) {
            head(g, "obj.remove", o.id(), o.noOp());
            g.write("k", o.key());
            optionalValue(g, o.oldValue());
        } else if (op instanceof AppliedObjectSetOperation o) {
            head(g, "obj.set", o.id(), o.noOp());
            valueMap(g, "v", o.values());
            if (o.oldValues() != null) {
                valueMap(g, "old", o.oldValues());
            }
        } else if (op instanceof AppliedNumberDeltaOperation o) {
            head(g, "num.delta", o.id(), o.noOp());
            number(g, "v", o.delta());
            number(g, "old", o.oldValue());
        } else if (op instanceof AppliedNumberSetOperation o) {
            head(g, "num.set", o.id(), o.noOp());
            number(g, "v", o.value());
            if (o.oldValue() != null) {
                number(g, "old", o.oldValue());
            }
        } else if (op instanceof AppliedBooleanSetOperation o) {
            head(g, "bool.set", o.id(), o.noOp());
            g.write("v", o.value());
            if (o.oldValue() != null) {
                g.write("old", o.oldValue());
            }
        } else if (op instanceof AppliedDateSetOperation o) {
            head(g, "date.set", o.id(), o.noOp());
            g.write("v", o.value().toString());
            if (o.oldValue() != null) {
                g.write("old", o.oldValue().toString());
            }
        }
    }

    private static void optionalValue(JsonGenerator g, DataValue old) {
        if (old != null) {
            value(g, "old", old);
        }
    }

    private static DataValue optionalValue(JsonObject o, String path) {
        return isAbsent(o, "old") ? null : value(o, "old", path);
    }

    static AppliedDiscreteOperation read(JsonObject o, String path) {
        String tag = tag(o, path);
        String id = string(o, "id", path);
        boolean noOp = flag(o, "no", path);
        boolean hasOld = !isAbsent(o, "old");
        switch (tag) {
            case "str.splice":
                return new AppliedStringSpliceOperation(
                        id, noOp, integer(o, "i", path), string(o, "del", path), string(o, "ins", path));
            case "str.set":
                return new AppliedStringSetOperation(
                        id, noOp, string(o, "v", path), hasOld ? string(o, "old", path) : null);
            case "arr.insert":
                return new AppliedArrayInsertOperation(id, noOp, integer(o, "i", path), value(o, "v", path));
            case "arr.remove":
                return new AppliedArrayRemoveOperation(id, noOp, integer(o, "i", path), optionalValue(o, path));
            case "arr.replace":
                return new AppliedArrayReplaceOperation(
                        id, noOp, integer(o, "i", path), value(o, "v", path), optionalValue(o, path));
            case "arr.move":
                return new AppliedArrayMoveOperation(id, noOp, integer(o, "from", path), integer(o, "to", path));
            case "arr.set":
                return new AppliedArraySetOperation(
                        id,
                        noOp,
                        valueList(array(o, "v", path), path + ".v"),
                        hasOld ? valueList(array(o, "old", path), path + ".old") : null);
            case "obj.add":
                return new AppliedObjectAddPropertyOperation(id, noOp, string(o, "k", path), value(o, "v", path));
            case "obj.setProp":
                return new AppliedObjectSetPropertyOperation(
                        id, noOp, string(o, "k", path), value(o, "v", path), optionalValue(o, path));
            case "obj.remove":
                return new AppliedObjectRemovePropertyOperation(id, noOp, string(o, "k", path), optionalValue(o, path));
            case "obj.set":
                return new AppliedObjectSetOperation(
                        id,
                        noOp,
                        valueMap(object(o, "v", path), path + ".v"),
                        hasOld ? valueMap(object(o, "old", path), path + ".old") : null);
            case "num.delta":
                return new AppliedNumberDeltaOperation(id, noOp, number(o, "v", path), number(o, "old", path));
            case "num.set":
                return new AppliedNumberSetOperation(
                        id, noOp, number(o, "v", path), hasOld ? number(o, "old", path) : null);
            case "bool.set":
                return new AppliedBooleanSetOperation(
                        id, noOp, bool(o, "v", path), hasOld ? bool(o, "old", path) : null);
            case "date.set":
                return new AppliedDateSetOperation(
                        id, noOp, instant(o, "v", path), hasOld ? instant(o, "old", path) : null);
            default:
                throw new IllegalArgumentException(path + ".t: unknown operation type '" + tag + "'");
        }
    }
}
