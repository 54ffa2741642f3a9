package dev.tandem.ot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Test-side JSON form of values and operations (the test data format, not a wire format). */
public final class OpJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private OpJson() {}

    public static DataValue value(JsonNode n) {
        String id = n.get("id").asText();
        switch (n.get("type").asText()) {
            case "object": {
                Map<String, DataValue> children = new LinkedHashMap<>();
                n.get("value").fields().forEachRemaining(e -> children.put(e.getKey(), value(e.getValue())));
                return new ObjectValue(id, children);
            }
            case "array": {
                List<DataValue> children = new ArrayList<>();
                n.get("value").forEach(c -> children.add(value(c)));
                return new ArrayValue(id, children);
            }
            case "string":
                return new StringValue(id, n.get("value").asText());
            case "number":
                return new NumberValue(id, n.get("value").asDouble());
            case "boolean":
                return new BooleanValue(id, n.get("value").asBoolean());
            case "date":
                return new DateValue(id, Instant.ofEpochMilli(n.get("value").asLong()));
            case "null":
                return new NullValue(id);
            default:
                throw new IllegalArgumentException("unknown value type: " + n);
        }
    }

    public static JsonNode json(DataValue v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", v.id());
        if (v instanceof ObjectValue o) {
            n.put("type", "object");
            ObjectNode children = n.putObject("value");
            o.children().forEach((k, c) -> children.set(k, json(c)));
        } else if (v instanceof ArrayValue a) {
            n.put("type", "array");
            ArrayNode children = n.putArray("value");
            a.children().forEach(c -> children.add(json(c)));
        } else if (v instanceof StringValue s) {
            n.put("type", "string").put("value", s.value());
        } else if (v instanceof NumberValue d) {
            n.put("type", "number").put("value", d.value());
        } else if (v instanceof BooleanValue b) {
            n.put("type", "boolean").put("value", b.value());
        } else if (v instanceof DateValue d) {
            n.put("type", "date").put("value", d.value().toEpochMilli());
        } else {
            n.put("type", "null");
        }
        return n;
    }

    private static List<DataValue> values(JsonNode n) {
        List<DataValue> list = new ArrayList<>();
        n.forEach(v -> list.add(value(v)));
        return list;
    }

    private static Map<String, DataValue> valueMap(JsonNode n) {
        Map<String, DataValue> map = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> map.put(e.getKey(), value(e.getValue())));
        return map;
    }

    public static Operation operation(JsonNode n) {
        if (n.get("type").asText().equals("Compound")) {
            List<DiscreteOperation> ops = new ArrayList<>();
            n.get("ops").forEach(o -> ops.add((DiscreteOperation) operation(o)));
            return new CompoundOperation(ops);
        }
        String id = n.get("id").asText();
        boolean noOp = n.path("noOp").asBoolean(false);
        switch (n.get("type").asText()) {
            case "StringSplice":
                return new StringSpliceOperation(
                        id,
                        noOp,
                        n.get("index").asInt(),
                        n.get("deleteCount").asInt(),
                        n.get("insertValue").asText());
            case "StringSet":
                return new StringSetOperation(id, noOp, n.get("value").asText());
            case "ArrayInsert":
                return new ArrayInsertOperation(id, noOp, n.get("index").asInt(), value(n.get("value")));
            case "ArrayRemove":
                return new ArrayRemoveOperation(id, noOp, n.get("index").asInt());
            case "ArrayReplace":
                return new ArrayReplaceOperation(id, noOp, n.get("index").asInt(), value(n.get("value")));
            case "ArrayMove":
                return new ArrayMoveOperation(
                        id, noOp, n.get("fromIndex").asInt(), n.get("toIndex").asInt());
            case "ArraySet":
                return new ArraySetOperation(id, noOp, values(n.get("values")));
            case "ObjectAddProperty":
                return new ObjectAddPropertyOperation(id, noOp, n.get("key").asText(), value(n.get("value")));
            case "ObjectSetProperty":
                return new ObjectSetPropertyOperation(id, noOp, n.get("key").asText(), value(n.get("value")));
            case "ObjectRemoveProperty":
                return new ObjectRemovePropertyOperation(id, noOp, n.get("key").asText());
            case "ObjectSet":
                return new ObjectSetOperation(id, noOp, valueMap(n.get("values")));
            case "NumberDelta":
                return new NumberDeltaOperation(id, noOp, n.get("delta").asDouble());
            case "NumberSet":
                return new NumberSetOperation(id, noOp, n.get("value").asDouble());
            case "BooleanSet":
                return new BooleanSetOperation(id, noOp, n.get("value").asBoolean());
            case "DateSet":
                return new DateSetOperation(
                        id, noOp, Instant.ofEpochMilli(n.get("value").asLong()));
            default:
                throw new IllegalArgumentException("unknown operation type: " + n);
        }
    }

    public static JsonNode json(Operation op) {
        ObjectNode n = MAPPER.createObjectNode();
        if (op instanceof CompoundOperation c) {
            n.put("type", "Compound");
            ArrayNode ops = n.putArray("ops");
            c.operations().forEach(o -> ops.add(json(o)));
            return n;
        }
        DiscreteOperation d = (DiscreteOperation) op;
        n.put("id", d.id());
        n.put("noOp", d.noOp());
        if (op instanceof StringSpliceOperation o) {
            n.put("type", "StringSplice")
                    .put("index", o.index())
                    .put("deleteCount", o.deleteCount())
                    .put("insertValue", o.insertValue());
        } else if (op instanceof StringSetOperation o) {
            n.put("type", "StringSet").put("value", o.value());
        } else if (op instanceof ArrayInsertOperation o) {
            n.put("type", "ArrayInsert").put("index", o.index()).set("value", json(o.value()));
        } else if (op instanceof ArrayRemoveOperation o) {
            n.put("type", "ArrayRemove").put("index", o.index());
        } else if (op instanceof ArrayReplaceOperation o) {
            n.put("type", "ArrayReplace").put("index", o.index()).set("value", json(o.value()));
        } else if (op instanceof ArrayMoveOperation o) {
            n.put("type", "ArrayMove").put("fromIndex", o.fromIndex()).put("toIndex", o.toIndex());
        } else if (op instanceof ArraySetOperation o) {
            n.put("type", "ArraySet");
            ArrayNode vs = n.putArray("values");
            o.values().forEach(v -> vs.add(json(v)));
        } else if (op instanceof ObjectAddPropertyOperation o) {
            n.put("type", "ObjectAddProperty").put("key", o.key()).set("value", json(o.value()));
        } else if (op instanceof ObjectSetPropertyOperation o) {
            n.put("type", "ObjectSetProperty").put("key", o.key()).set("value", json(o.value()));
        } else if (op instanceof ObjectRemovePropertyOperation o) {
            n.put("type", "ObjectRemoveProperty").put("key", o.key());
        } else if (op instanceof ObjectSetOperation o) {
            n.put("type", "ObjectSet");
            ObjectNode vs = n.putObject("values");
            o.values().forEach((k, v) -> vs.set(k, json(v)));
        } else if (op instanceof NumberDeltaOperation o) {
            n.put("type", "NumberDelta").put("delta", o.delta());
        } else if (op instanceof NumberSetOperation o) {
            n.put("type", "NumberSet").put("value", o.value());
        } else if (op instanceof BooleanSetOperation o) {
            n.put("type", "BooleanSet").put("value", o.value());
        } else if (op instanceof DateSetOperation o) {
            n.put("type", "DateSet").put("value", o.value().toEpochMilli());
        }
        return n;
    }
}
