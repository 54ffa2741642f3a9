package dev.tandem.ot.value;

import java.util.Objects;

/**
 * A number value (a JavaScript number, so a double).
 *
 * @param id the value id
 * @param value the number
 */
public record NumberValue(String id, double value) implements DataValue {
    /** Validates the id. */
    public NumberValue {
        Objects.requireNonNull(id, "id");
    }
}
