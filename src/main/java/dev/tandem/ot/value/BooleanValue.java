package dev.tandem.ot.value;

import java.util.Objects;

/**
 * A boolean value.
 *
 * @param id the value id
 * @param value the boolean
 */
public record BooleanValue(String id, boolean value) implements DataValue {
    /** Validates the id. */
    public BooleanValue {
        Objects.requireNonNull(id, "id");
    }
}
