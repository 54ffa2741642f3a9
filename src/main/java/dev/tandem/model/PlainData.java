package dev.tandem.model;

import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model data given as plain JSON (as the admin API takes it: maps, lists, strings, numbers, booleans, nulls) turned
 * into a value tree. {@code {"$$convergence_type":"date","date":<epoch millis>}} is a date, Convergence's JSON form
 * (the form queries and the admin API return dates in).
 *
 * <p>Value ids are {@code <prefix>:<n>}. The prefix must be one no client was given: a fresh one from the model's
 * prefix sequence for an existing model, or {@link #CREATION_PREFIX} for a new one (not a base-36 number, so it never
 * equals a prefix handed out later).
 */
public final class PlainData {

    /** The value-id prefix of data a model is created with outside the realtime protocol. */
    public static final String CREATION_PREFIX = "_c";

    static final String DATE_TYPE_KEY = "$$convergence_type";

    /** The deepest nesting accepted; deeper data is refused rather than risking the stack. */
    static final int MAX_DEPTH = 100;

    private final String prefix;
    private int next;

    private PlainData(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The value tree of {@code data} with ids under {@code prefix}.
     *
     * @throws IllegalArgumentException if a value is of no JSON type or nested too deeply
     */
    public static ObjectValue toObject(Map<String, ?> data, String prefix) {
        return new PlainData(prefix).object(data, 0);
    }

    /**
     * Plain data as JSON text, to cross to another node: maps, lists, strings, numbers, booleans and nulls, as
     * {@link #toObject} takes them (a date stays the map it is given as).
     */
    public static String toJson(Map<String, ?> data) {
        return json(data).toString();
    }

    /** The plain data of {@link #toJson}'s text: maps, lists, strings, {@code BigDecimal}s, booleans and nulls. */
    public static Map<String, Object> fromJson(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) plain(reader.readObject());
            return data;
        }
    }

    private static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        } else if (value instanceof String s) {
            return Json.createValue(s);
        } else if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof Number n) {
            return Json.createValue(new BigDecimal(n.toString()));
        } else if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder out = Json.createObjectBuilder();
            map.forEach((k, v) -> out.add(String.valueOf(k), json(v)));
            return out.build();
        } else if (value instanceof List<?> list) {
            JsonArrayBuilder out = Json.createArrayBuilder();
            list.forEach(v -> out.add(json(v)));
            return out.build();
        }
        throw new IllegalArgumentException("not plain data: " + value.getClass().getName());
    }

    private static Object plain(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((k, v) -> map.put(k, plain(v)));
                return map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(v -> list.add(plain(v)));
                return list;
            }
            case STRING -> {
                return ((JsonString) value).getString();
            }
            case NUMBER -> {
                return ((JsonNumber) value).bigDecimalValue();
            }
            case TRUE -> {
                return Boolean.TRUE;
            }
            case FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    /** Checks that {@code data} can become model data (see {@link #toObject}). */
    public static void validate(Map<String, ?> data) {
        toObject(data, CREATION_PREFIX);
    }

    private String id() {
        return prefix + ":" + next++;
    }

    private ObjectValue object(Map<?, ?> data, int depth) {
        String id = id();
        Map<String, DataValue> children = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : data.entrySet()) {
            children.put(String.valueOf(e.getKey()), value(e.getValue(), depth + 1));
        }
        return new ObjectValue(id, children);
    }

    private DataValue value(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the data is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null) {
            return new NullValue(id());
        } else if (value instanceof String s) {
            return new StringValue(id(), s);
        } else if (value instanceof Boolean b) {
            return new BooleanValue(id(), b);
        } else if (value instanceof Number n) {
            return new NumberValue(id(), n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            Instant date = date(map);
            return date != null ? new DateValue(id(), date) : object(map, depth);
        } else if (value instanceof List<?> list) {
            String id = id();
            List<DataValue> children = new ArrayList<>(list.size());
            for (Object child : list) {
                children.add(value(child, depth + 1));
            }
            return new ArrayValue(id, children);
        }
        throw new IllegalArgumentException(
                "not a JSON value: " + value.getClass().getSimpleName());
    }

    private static Instant date(Map<?, ?> map) {
        if (map.size() == 2 && "date".equals(map.get(DATE_TYPE_KEY)) && map.get("date") instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return null;
    }
}
