package dev.tandem.model.storage;

import static dev.tandem.model.storage.JsonFields.array;
import static dev.tandem.model.storage.JsonFields.bool;
import static dev.tandem.model.storage.JsonFields.instant;
import static dev.tandem.model.storage.JsonFields.number;
import static dev.tandem.model.storage.JsonFields.object;
import static dev.tandem.model.storage.JsonFields.string;
import static dev.tandem.model.storage.JsonFields.tag;

import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values in {@link ModelJson}'s format: the tagged objects of the value table, written and read. */
final class ValueJson {

    private ValueJson() {}

    static void value(JsonGenerator g, String name, DataValue value) {
        if (name == null) {
            g.writeStartObject();
        } else {
            g.writeStartObject(name);
        }
        valueFields(g, value);
        g.writeEnd();
    }

    static void valueFields(JsonGenerator g, DataValue value) {
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

    static void valueMap(JsonGenerator g, String name, Map<String, DataValue> values) {
        g.writeStartObject(name);
        values.forEach((key, child) -> value(g, key, child));
        g.writeEnd();
    }

    static void valueList(JsonGenerator g, String name, List<DataValue> values) {
        g.writeStartArray(name);
        for (DataValue child : values) {
            value(g, null, child);
        }
        g.writeEnd();
    }

    static DataValue value(JsonObject o, String path) {
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

    static DataValue value(JsonObject o, String key, String path) {
        return value(object(o, key, path), path + "." + key);
    }

    static Map<String, DataValue> valueMap(JsonObject o, String path) {
        Map<String, DataValue> values = new LinkedHashMap<>();
        o.forEach((key, child) -> {
            String childPath = path + "[\"" + key + "\"]";
            values.put(key, value(object(child, childPath), childPath));
        });
        return values;
    }

    static List<DataValue> valueList(JsonArray a, String path) {
        List<DataValue> values = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String childPath = path + "[" + i + "]";
            values.add(value(object(a.get(i), childPath), childPath));
        }
        return values;
    }
}
