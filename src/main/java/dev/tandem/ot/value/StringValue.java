package dev.tandem.ot.value;

import java.util.Objects;

/**
 * A string value.
 *
 * @param id the value id
 * @param value the text
 */
public record StringValue(String id, String value) implements DataValue {
    /** Validates the components. */
    public StringValue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }
}
