package dev.tandem.model.storage;

import static dev.tandem.model.storage.JsonFields.array;
import static dev.tandem.model.storage.JsonFields.object;
import static dev.tandem.model.storage.JsonFields.tag;

import dev.tandem.ot.operation.AppliedCompoundOperation;
import dev.tandem.ot.operation.AppliedDiscreteOperation;
import dev.tandem.ot.operation.AppliedOperation;
import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.value.DataValue;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

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
            ValueJson.valueFields(g, value);
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
                    OperationJson.write(g, op);
                    g.writeEnd();
                }
                g.writeEnd();
            } else {
                OperationJson.write(g, (DiscreteOperation) operation);
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
                    AppliedOperationJson.write(g, op);
                    g.writeEnd();
                }
                g.writeEnd();
            } else {
                AppliedOperationJson.write(g, (AppliedDiscreteOperation) applied);
            }
            g.writeEnd();
        }
        return escapeLoneSurrogates(out.toString());
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
        return ValueJson.value(document(json), "$");
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
                discrete.add(OperationJson.read(object(ops.get(i), path), path));
            }
            return new CompoundOperation(discrete);
        }
        return OperationJson.read(root, "$");
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
                applied.add(AppliedOperationJson.read(object(ops.get(i), path), path));
            }
            return new AppliedCompoundOperation(applied);
        }
        return AppliedOperationJson.read(root, "$");
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
}
