package dev.tandem.ot.reference;

import java.util.List;
import java.util.Objects;

/**
 * Index positions in a string (cursors).
 *
 * @param valueId the string's id
 * @param indices the positions
 */
public record IndexReference(String valueId, List<Integer> indices) implements ReferenceValue {
    /** Validates and copies. */
    public IndexReference {
        Objects.requireNonNull(valueId, "valueId");
        indices = List.copyOf(indices);
    }
}
