package dev.tandem.model.query;

import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's data as queries see it: plain JSON without value ids (what query results carry, as Convergence sends
 * them) and the flat list of its scalar leaves (what {@code WHERE} and {@code ORDER BY} look at in the database).
 *
 * <p>A date becomes {@code {"$$convergence_type":"date","date":<epoch millis>}}, Convergence's own JSON form, so a
 * query reaches its time as the number {@code field.date}. A number JSON cannot hold (NaN, infinities) becomes
 * {@code null}.
 *
 * <p><b>Paths.</b> A leaf's path encodes its place from the root: property names joined by {@code .}, array indices
 * as {@code [n]} ({@code items[2].title}); a {@code \}, {@code .} or {@code [} inside a name is escaped with a
 * backslash, so two different places never share a path. Leaves whose path is longer than {@link #MAX_PATH_BYTES}
 * (UTF-8) are not indexed and cannot be queried (their data is still returned).
 */
public final class QueryableData {

    /** Longest indexed path in UTF-8 bytes: keeps the index entries well under PostgreSQL's B-tree limit. */
    public static final int MAX_PATH_BYTES = 1000;

    static final String DATE_TYPE_KEY = "$$convergence_type";

    private static final JsonProvider JSON = JsonProvider.provider();

    /** One scalar leaf; exactly one of the values is set, or none for a JSON null. */
    public record Leaf(String path, Double number, String string, Boolean bool) {}

    private final JsonObject json;
    private final List<Leaf> leaves;

    private QueryableData(JsonObject json, List<Leaf> leaves) {
        this.json = json;
        this.leaves = leaves;
    }

    /** The queryable form of a model's root object. */
    public static QueryableData of(ObjectValue root) {
        JsonObject json = (JsonObject) plain(root);
        List<Leaf> leaves = new ArrayList<>();
        for (Map.Entry<String, JsonValue> e : json.entrySet()) {
            flatten(escape(e.getKey()), e.getValue(), leaves);
        }
        return new QueryableData(json, leaves);
    }

    /** The plain JSON. */
    public JsonObject json() {
        return json;
    }

    /** The scalar leaves with an indexable path, in document order. */
    public List<Leaf> leaves() {
        return leaves;
    }

    /** Reads plain JSON text written from {@link #json()}. */
    static JsonObject read(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** The encoded path of a data field, or null if it is too long to be indexed (so it matches nothing). */
    static String path(List<Object> segments) {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(escape((String) segment));
            }
        }
        return indexable(path.toString()) ? path.toString() : null;
    }

    /** The value at a data field, or null if the data has no such place. */
    static JsonValue at(JsonObject root, List<Object> segments) {
        JsonValue current = root;
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                if (!(current instanceof JsonArray array) || index >= array.size()) {
                    return null;
                }
                current = array.get(index);
            } else {
                if (!(current instanceof JsonObject object) || !object.containsKey((String) segment)) {
                    return null;
                }
                current = object.get((String) segment);
            }
        }
        return current;
    }

    private static void flatten(String path, JsonValue value, List<Leaf> out) {
        if (!indexable(path)) {
            return; // and so is every path below it
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> e : value.asJsonObject().entrySet()) {
                    flatten(path + "." + escape(e.getKey()), e.getValue(), out);
                }
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    flatten(path + "[" + i + "]", array.get(i), out);
                }
            }
            case STRING -> out.add(new Leaf(path, null, ((JsonString) value).getString(), null));
            case NUMBER -> out.add(new Leaf(path, ((JsonNumber) value).doubleValue(), null, null));
            case TRUE -> out.add(new Leaf(path, null, null, true));
            case FALSE -> out.add(new Leaf(path, null, null, false));
            case NULL -> out.add(new Leaf(path, null, null, null));
        }
    }

    private static boolean indexable(String path) {
        return path.length() <= MAX_PATH_BYTES && path.getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }

    private static String escape(String name) {
        if (name.indexOf('\\') < 0 && name.indexOf('.') < 0 && name.indexOf('[') < 0) {
            return name;
        }
        return name.replace("\\", "\\\\").replace(".", "\\.").replace("[", "\\[");
    }

    private static JsonValue plain(DataValue value) {
        if (value instanceof ObjectValue object) {
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            for (Map.Entry<String, DataValue> e : object.children().entrySet()) {
                builder.add(e.getKey(), plain(e.getValue()));
            }
            return builder.build();
        } else if (value instanceof ArrayValue array) {
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            for (DataValue child : array.children()) {
                builder.add(plain(child));
            }
            return builder.build();
        } else if (value instanceof StringValue string) {
            return JSON.createValue(string.value());
        } else if (value instanceof NumberValue number) {
            double d = number.value();
            return Double.isFinite(d) ? JSON.createValue(d) : JsonValue.NULL;
        } else if (value instanceof BooleanValue bool) {
            return bool.value() ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof DateValue date) {
            return JSON.createObjectBuilder()
                    .add(DATE_TYPE_KEY, "date")
                    .add("date", date.value().toEpochMilli())
                    .build();
        } else {
            assert value instanceof NullValue;
            return JsonValue.NULL;
        }
    }
}
