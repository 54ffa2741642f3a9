package dev.tandem.model.storage;

import static dev.tandem.model.storage.JsonFields.array;
import static dev.tandem.model.storage.JsonFields.bool;
import static dev.tandem.model.storage.JsonFields.flag;
import static dev.tandem.model.storage.JsonFields.head;
import static dev.tandem.model.storage.JsonFields.instant;
import static dev.tandem.model.storage.JsonFields.integer;
import static dev.tandem.model.storage.JsonFields.number;
import static dev.tandem.model.storage.JsonFields.object;
import static dev.tandem.model.storage.JsonFields.string;
import static dev.tandem.model.storage.JsonFields.tag;
import static dev.tandem.model.storage.ValueJson.value;
import static dev.tandem.model.storage.ValueJson.valueList;
import static dev.tandem.model.storage.ValueJson.valueMap;

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
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;

/**
 * Discrete operations in {@link ModelJson}'s format, one case per operation type (the operation table's fields without
 * the applied column); {@link ModelJson} adds the document's root and the compound wrapper.
 */
final class OperationJson {

    private OperationJson() {}

    static void write(JsonGenerator g, DiscreteOperation op) {
        if (op instanceof StringSpliceOperation o) {
            head(g, "str.splice", o.id(), o.noOp());
            g.write("i", o.index()).write("n", o.deleteCount()).write("ins", o.insertValue());
        } else if (op instanceof StringSetOperation o) {
            head(g, "str.set", o.id(), o.noOp());
            g.write("v", o.value());
        } else if (op instanceof ArrayInsertOperation o) {
            head(g, "arr.insert", o.id(), o.noOp());
            g.write("i", o.index());
            value(g, "v", o.value());
        } else if (op instanceof ArrayRemoveOperation o) {
            head(g, "arr.remove", o.id(), o.noOp());
            g.write("i", o.index());
        } else if (op instanceof ArrayReplaceOperation o) {
            head(g, "arr.replace", o.id(), o.noOp());
            g.write("i", o.index());
            value(g, "v", o.value());
        } else if (op instanceof ArrayMoveOperation o) {
            head(g, "arr.move", o.id(), o.noOp());
            g.write("from", o.fromIndex()).write("to", o.toIndex());
        } else if (op instanceof ArraySetOperation o) {
            head(g, "arr.set", o.id(), o.noOp());
            valueList(g, "v", o.values());
        } else if (op instanceof ObjectAddPropertyOperation o) {
            head(g, "obj.add", o.id(), o.noOp());
            g.write("k", o.key());
            value(g, "v", o.value());
        } else if (op instanceof ObjectSetPropertyOperation o) {
            head(g, "obj.setProp", o.id(), o.noOp());
            g.write("k", o.key());
            value(g, "v", o.value());
        } else if (op instanceof ObjectRemovePropertyOperation o) {
            head(g, "obj.remove", o.id(), o.noOp());
            g.write("k", o.key());
        } else if (op instanceof ObjectSetOperation o) {
            head(g, "obj.set", o.id(), o.noOp());
            valueMap(g, "v", o.values());
        } else if (op instanceof NumberDeltaOperation o) {
            head(g, "num.delta", o.id(), o.noOp());
            number(g, "v", o.delta());
        } else if (op instanceof NumberSetOperation o) {
            head(g, "num.set", o.id(), o.noOp());
            number(g, "v", o.value());
        } else if (op instanceof BooleanSetOperation o) {
            head(g, "bool.set", o.id(), o.noOp());
            g.write("v", o.value());
        } else if (op instanceof DateSetOperation o) {
            head(g, "date.set", o.id(), o.noOp());
            g.write("v", o.value().toString());
        }
    }

    static DiscreteOperation read(JsonObject o, String path) {
        String tag = tag(o, path);
        String id = string(o, "id", path);
        boolean noOp = flag(o, "no", path);
        switch (tag) {
            case "str.splice":
                return new StringSpliceOperation(
                        id, noOp, integer(o, "i", path), integer(o, "n", path), string(o, "ins", path));
            case "str.set":
                return new StringSetOperation(id, noOp, string(o, "v", path));
            case "arr.insert":
                return new ArrayInsertOperation(id, noOp, integer(o, "i", path), value(o, "v", path));
            case "arr.remove":
                return new ArrayRemoveOperation(id, noOp, integer(o, "i", path));
            case "arr.replace":
                return new ArrayReplaceOperation(id, noOp, integer(o, "i", path), value(o, "v", path));
            case "arr.move":
                return new ArrayMoveOperation(id, noOp, integer(o, "from", path), integer(o, "to", path));
            case "arr.set":
                return new ArraySetOperation(id, noOp, valueList(array(o, "v", path), path + ".v"));
            case "obj.add":
                return new ObjectAddPropertyOperation(id, noOp, string(o, "k", path), value(o, "v", path));
            case "obj.setProp":
                return new ObjectSetPropertyOperation(id, noOp, string(o, "k", path), value(o, "v", path));
            case "obj.remove":
                return new ObjectRemovePropertyOperation(id, noOp, string(o, "k", path));
            case "obj.set":
                return new ObjectSetOperation(id, noOp, valueMap(object(o, "v", path), path + ".v"));
            case "num.delta":
                return new NumberDeltaOperation(id, noOp, number(o, "v", path));
            case "num.set":
                return new NumberSetOperation(id, noOp, number(o, "v", path));
            case "bool.set":
                return new BooleanSetOperation(id, noOp, bool(o, "v", path));
            case "date.set":
                return new DateSetOperation(id, noOp, instant(o, "v", path));
            default:
                throw new IllegalArgumentException(path + ".t: unknown operation type '" + tag + "'");
        }
    }
}
