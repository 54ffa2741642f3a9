package dev.tandem.model;

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
