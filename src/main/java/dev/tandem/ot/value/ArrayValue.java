package dev.tandem.ot.value;

import java.util.List;
import java.util.Objects;

/**
 * An array value.
 *
 * @param id the value id
 * @param children the elements (copied, unmodifiable)
 */
public record ArrayValue(String id, List<DataValue> children) implements DataValue {
    /** Validates and copies the children. */
    public ArrayValue {
        Objects.requireNonNull(id, "id");
        children = List.copyOf(children);
    }
}
