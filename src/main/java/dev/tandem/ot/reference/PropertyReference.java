package dev.tandem.ot.reference;

import java.util.List;
import java.util.Objects;

/**
 * Property keys of an object.
 *
 * @param valueId the object's id
 * @param keys the keys
 */
public record PropertyReference(String valueId, List<String> keys) implements ReferenceValue {
    /** Validates and copies. */
    public PropertyReference {
        Objects.requireNonNull(valueId, "valueId");
        keys = List.copyOf(keys);
    }
}
