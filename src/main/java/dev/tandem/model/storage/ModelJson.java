package dev.tandem.model.storage;

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
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database format of model data, operations and applied operations: JSON text, read back exactly.
 *
 * <h2>Format, version 1</h2>
 * Every document is one JSON object whose root carries {@code "fmt":1} besides its own fields. Readers ignore
 * fields they do not know (so later versions may add some) and refuse a {@code fmt} greater than they know; a
 * document without {@code fmt} reads as version 1. Every value and operation is an object tagged by {@code "t"}.
 *
 * <p><b>Values</b> {@code {"t":tag, "id":valueId, "v":content}}:
 * <table>
 *   <caption>value tags</caption>
 *   <tr><th>tag</th><th>{@code v}</th></tr>
 *   <tr><td>{@code obj}</td><td>object: property name to value, in the model's order</td></tr>
 *   <tr><td>{@code arr}</td><td>array of values</td></tr>
 *   <tr><td>{@code str}</td><td>string</td></tr>
 *   <tr><td>{@code num}</td><td>number (see below)</td></tr>
 *   <tr><td>{@code bool}</td><td>{@code true} / {@code false}</td></tr>
 *   <tr><td>{@code date}</td><td>ISO-8601 instant in UTC, to the nanosecond ({@code "2024-05-01T12:00:00.123Z"})</td></tr>
 *   <tr><td>{@code null}</td><td>absent</td></tr>
 * </table>
 * Example: {@code {"fmt":1,"t":"obj","id":"@:0","v":{"title":{"t":"str","id":"@:1","v":"Hi"}}}}.
 *
 * <p><b>Numbers</b> are JSON numbers written from {@link Double#toString(double)}, so they read back to the same
 * double. The doubles JSON cannot hold are strings: {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} and
 * {@code "-0.0"}. Readers accept either form anywhere a number is expected.
 *
 * <p><b>Operations</b> {@code {"t":tag, "id":targetId, "no":true, ...}}; {@code no} (the noOp flag) is only
 * written when true. The other fields by tag, with what the applied form adds after the bar:
 * <table>
 *   <caption>operation tags</caption>
 *   <tr><th>tag</th><th>fields | applied adds</th></tr>
 *   <tr><td>{@code str.splice}</td><td>{@code i} index, {@code n} delete count, {@code ins} inserted text |
 *       the applied form has {@code del}, the deleted text, instead of {@code n}</td></tr>
 *   <tr><td>{@code str.set}</td><td>{@code v} string | {@code old} string</td></tr>
 *   <tr><td>{@code arr.insert}</td><td>{@code i}, {@code v} value</td></tr>
 *   <tr><td>{@code arr.remove}</td><td>{@code i} | {@code old} value</td></tr>
 *   <tr><td>{@code arr.replace}</td><td>{@code i}, {@code v} value | {@code old} value</td></tr>
 *   <tr><td>{@code arr.move}</td><td>{@code from}, {@code to}</td></tr>
 *   <tr><td>{@code arr.set}</td><td>{@code v} array of values | {@code old} array of values</td></tr>
 *   <tr><td>{@code obj.add}</td><td>{@code k} key, {@code v} value</td></tr>
 *   <tr><td>{@code obj.setProp}</td><td>{@code k}, {@code v} value | {@code old} value</td></tr>
 *   <tr><td>{@code obj.remove}</td><td>{@code k} | {@code old} value</td></tr>
 *   <tr><td>{@code obj.set}</td><td>{@code v} object of values | {@code old} object of values</td></tr>
 *   <tr><td>{@code num.delta}</td><td>{@code v} delta | {@code old} number before (always present)</td></tr>
 *   <tr><td>{@code num.set}</td><td>{@code v} number | {@code old} number</td></tr>
 *   <tr><td>{@code bool.set}</td><td>{@code v} boolean | {@code old} boolean</td></tr>
 *   <tr><td>{@code date.set}</td><td>{@code v} instant | {@code old} instant</td></tr>
 *   <tr><td>{@code compound}</td><td>{@code ops}: array of the discrete forms above (no {@code id})</td></tr>
 * </table>
 * An applied {@code old} is absent when the record holds {@code null} (no-ops). Operations and applied operations
 * share the tags, so the caller must know which of the two a column holds. Example:
 * {@code {"fmt":1,"t":"str.splice","id":"2:4","i":3,"del":"ab","ins":"xyz"}}.
 *
 * <p><b>Text</b>: strings are kept verbatim, including unpaired UTF-16 surrogates (a splice can cut a surrogate
 * pair, as the client indexes UTF-16 units). Those are written as {@code \}{@code uXXXX} escapes, so the document
 * is valid Unicode and survives a UTF-8 database column.
 *
 * <p>Reading throws {@link IllegalArgumentException}, naming the path of the offending field, for text that is not
 * JSON, a missing or mistyped field, an unknown tag or an unsupported version. The class is stateless and
 * thread-safe.
 */
public final class ModelJson {

    /** The format version written in {@code fmt}. */
    public static final int VERSION = 1;

    private static final JsonProvider JSON = JsonProvider.provider();

    private ModelJson() {}

    // ------------------------------------------------------------------------------------------------ write

    /**
     * A value as a document.
     *
     * @param value the value (usually a model's root object)
     * @return the JSON text
     */
    public static String write(DataValue value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.write("fmt", VERSION);
            valueFields(g, value);
            g.writeEnd();
        }
        return escapeLoneSurrogates(out.toString());
    }

    /**
     * An operation as a document.
     *
     * @param operation a discrete or compound operation
     * @return the JSON text
     */
    public static String write(Operation operation) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.write("fmt", VERSION);
            if (operation instanceof CompoundOperation compound) {
                g.write("t", "compound");
                g.writeStartArray("ops");
                for (DiscreteOperation op : compound.operations()) {
                    g.writeStartObject();
                    operationFields(g, op);
                    g.writeEnd();
                }
                g.writeEnd();
            } else {
                operationFields(g, (DiscreteOperation) operation);
            }
            g.writeEnd();
        }
        return escapeLoneSurrogates(out.toString());
    }

    /**
     * An applied operation as a document.
     *
     * @param applied a discrete or compound applied operation
     * @return the JSON text
     */
    public static String write(AppliedOperation applied) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.write("fmt", VERSION);
            if (applied instanceof AppliedCompoundOperation compound) {
                g.write("t", "compound");
                g.writeStartArray("ops");
                for (AppliedDiscreteOperation op : compound.operations()) {
                    g.writeStartObject();
                    appliedFields(g, op);
                    g.writeEnd();
                }
                g.writeEnd();
            } else {
                appliedFields(g, (AppliedDiscreteOperation) applied);
            }
            g.writeEnd();
        }
        return escapeLoneSurrogates(out.toString());
    }

    private static void value(JsonGenerator g, String name, DataValue value) {
        if (name == null) {
            g.writeStartObject();
        } else {
            g.writeStartObject(name);
        }
        valueFields(g, value);
        g.writeEnd();
    }

    private static void valueFields(JsonGenerator g, DataValue value) {
        if (value instanceof ObjectValue v) {
            g.write("t", "obj").write("id", v.id());
            valueMap(g, "v", v.children());
        } else if (value instanceof ArrayValue v) {
            g.write("t", "arr").write("id", v.id());
            valueList(g, "v", v.children());
        } else if (value instanceof StringValue v) {
            g.write("t", "str").write("id", v.id()).write("v", v.value());
        } else if (value instanceof NumberValue v) {
            g.write("t", "num").write("id", v.id());
            number(g, "v", v.value());
        } else if (value instanceof BooleanValue v) {
            g.write("t", "bool").write("id", v.id()).write("v", v.value());
        } else if (value instanceof DateValue v) {
            g.write("t", "date").write("id", v.id()).write("v", v.value().toString());
        } else if (value instanceof NullValue v) {
            g.write("t", "null").write("id", v.id());
        }
    }

    private static void valueMap(JsonGenerator g, String name, Map<String, DataValue> values) {
        g.writeStartObject(name);
        values.forEach((key, child) -> value(g, key, child));
        g.writeEnd();
    }

    private static void valueList(JsonGenerator g, String name, List<DataValue> values) {
        g.writeStartArray(name);
        for (DataValue child : values) {
            value(g, null, child);
        }
        g.writeEnd();
    }

    private static void number(JsonGenerator g, String name, double value) {
        boolean negativeZero = value == 0 && Double.doubleToRawLongBits(value) != 0;
        if (Double.isFinite(value) && !negativeZero) {
            // Double.toString round-trips exactly; as a BigDecimal its digits are written as they are, whatever the
            // JSON-P provider's own formatting of doubles
            g.write(name, new BigDecimal(Double.toString(value)));
        } else {
            g.write(name, Double.toString(value));
        }
    }

    private static void head(JsonGenerator g, String tag, String id, boolean noOp) {
        g.write("t", tag).write("id", id);
        if (noOp) {
            g.write("no", true);
        }
    }

    private static void operationFields(JsonGenerator g, DiscreteOperation op) {
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

    private static void appliedFields(JsonGenerator g, AppliedDiscreteOperation op) {
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

    /**
     * Escapes UTF-16 surrogates that are not part of a pair. They can only occur inside JSON strings (the generator
     * writes nothing else from our data), where {@code \}{@code uXXXX} is the same character.
     */
    static String escapeLoneSurrogates(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= json.length() || !Character.isLowSurrogate(json.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(json.charAt(i - 1)));
            if (lone && out == null) {
                out = new StringBuilder(json.length() + 16).append(json, 0, i);
            }
            if (out != null) {
                if (lone) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? json : out.toString();
    }

    // ------------------------------------------------------------------------------------------------ read

    /**
     * Reads a value document.
     *
     * @param json text from {@link #write(DataValue)}
     * @return the value
     * @throws IllegalArgumentException if the text is not such a document
     */
    public static DataValue readValue(String json) {
        return value(document(json), "$");
    }

    /**
     * Reads an operation document.
     *
     * @param json text from {@link #write(Operation)}
     * @return the operation
     * @throws IllegalArgumentException if the text is not such a document
     */
    public static Operation readOperation(String json) {
        JsonObject root = document(json);
        if ("compound".equals(tag(root, "$"))) {
            JsonArray ops = array(root, "ops", "$");
            List<DiscreteOperation> discrete = new ArrayList<>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                String path = "$.ops[" + i + "]";
                discrete.add(operation(object(ops.get(i), path), path));
            }
            return new CompoundOperation(discrete);
        }
        return operation(root, "$");
    }

    /**
     * Reads an applied operation document.
     *
     * @param json text from {@link #write(AppliedOperation)}
     * @return the applied operation
     * @throws IllegalArgumentException if the text is not such a document
     */
    public static AppliedOperation readApplied(String json) {
        JsonObject root = document(json);
        if ("compound".equals(tag(root, "$"))) {
            JsonArray ops = array(root, "ops", "$");
            List<AppliedDiscreteOperation> applied = new ArrayList<>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                String path = "$.ops[" + i + "]";
                applied.add(applied(object(ops.get(i), path), path));
            }
            return new AppliedCompoundOperation(applied);
        }
        return applied(root, "$");
    }

    private static JsonObject document(String json) {
        if (json == null) {
            throw new IllegalArgumentException("no document (null)");
        }
        JsonObject root;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            root = reader.readObject();
        } catch (JsonException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        JsonValue fmt = root.get("fmt");
        if (fmt != null) {
            if (!(fmt instanceof JsonNumber n) || !n.isIntegral()) {
                throw new IllegalArgumentException("$.fmt: expected an integer");
            }
            if (n.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(VERSION)) > 0) {
                throw new IllegalArgumentException(
                        "$.fmt: unsupported format version " + n + " (this reader knows " + VERSION + ")");
            }
        }
        return root;
    }

    private static DataValue value(JsonObject o, String path) {
        String tag = tag(o, path);
        String id = string(o, "id", path);
        switch (tag) {
            case "obj":
                return new ObjectValue(id, valueMap(object(o, "v", path), path + ".v"));
            case "arr":
                return new ArrayValue(id, valueList(array(o, "v", path), path + ".v"));
            case "str":
                return new StringValue(id, string(o, "v", path));
            case "num":
                return new NumberValue(id, number(o, "v", path));
            case "bool":
                return new BooleanValue(id, bool(o, "v", path));
            case "date":
                return new DateValue(id, instant(o, "v", path));
            case "null":
                return new NullValue(id);
            default:
                throw new IllegalArgumentException(path + ".t: unknown value type '" + tag + "'");
        }
    }

    private static DataValue value(JsonObject o, String key, String path) {
        return value(object(o, key, path), path + "." + key);
    }

    private static DataValue optionalValue(JsonObject o, String path) {
        return isAbsent(o, "old") ? null : value(o, "old", path);
    }

    private static Map<String, DataValue> valueMap(JsonObject o, String path) {
        Map<String, DataValue> values = new LinkedHashMap<>();
        o.forEach((key, child) -> {
            String childPath = path + "[\"" + key + "\"]";
            values.put(key, value(object(child, childPath), childPath));
        });
        return values;
    }

    private static List<DataValue> valueList(JsonArray a, String path) {
        List<DataValue> values = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String childPath = path + "[" + i + "]";
            values.add(value(object(a.get(i), childPath), childPath));
        }
        return values;
    }

    private static DiscreteOperation operation(JsonObject o, String path) {
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

    private static AppliedDiscreteOperation applied(JsonObject o, String path) {
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

    // ------------------------------------------------------------------------------------------------ fields

    private static boolean isAbsent(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL;
    }

    private static JsonValue required(JsonObject o, String key, String path) {
        if (isAbsent(o, key)) {
            throw new IllegalArgumentException(path + "." + key + ": missing");
        }
        return o.get(key);
    }

    private static String tag(JsonObject o, String path) {
        return string(o, "t", path);
    }

    private static String string(JsonObject o, String key, String path) {
        if (required(o, key, path) instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a string");
    }

    private static int integer(JsonObject o, String key, String path) {
        if (required(o, key, path) instanceof JsonNumber n) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(path + "." + key + ": not a 32-bit integer (" + n + ")");
            }
        }
        throw new IllegalArgumentException(path + "." + key + ": expected an integer");
    }

    private static double number(JsonObject o, String key, String path) {
        JsonValue v = required(o, key, path);
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof JsonString s) {
            try {
                return Double.parseDouble(s.getString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + "." + key + ": not a number (" + s + ")");
            }
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a number");
    }

    private static boolean bool(JsonObject o, String key, String path) {
        JsonValue v = required(o, key, path);
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a boolean");
    }

    private static boolean flag(JsonObject o, String key, String path) {
        return !isAbsent(o, key) && bool(o, key, path);
    }

    private static Instant instant(JsonObject o, String key, String path) {
        String text = string(o, key, path);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + "." + key + ": not an ISO-8601 instant (" + text + ")");
        }
    }

    private static JsonObject object(JsonObject o, String key, String path) {
        return object(required(o, key, path), path + "." + key);
    }

    private static JsonObject object(JsonValue v, String path) {
        if (v instanceof JsonObject object) {
            return object;
        }
        throw new IllegalArgumentException(path + ": expected an object");
    }

    private static JsonArray array(JsonObject o, String key, String path) {
        if (required(o, key, path) instanceof JsonArray a) {
            return a;
        }
        throw new IllegalArgumentException(path + "." + key + ": expected an array");
    }
}
