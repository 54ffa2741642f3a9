package dev.tandem.ot.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object value: string keys to child values, in insertion order.
 *
 * @param id the value id
 * @param children the properties (copied, unmodifiable)
 */
public record ObjectValue(String id, Map<String, DataValue> children) implements DataValue {
    /** Validates and copies the children. */
    public ObjectValue {
        Objects.requireNonNull(id, "id");
        children = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(children, "children")));
    }
}
