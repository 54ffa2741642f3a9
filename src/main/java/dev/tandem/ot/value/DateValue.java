package dev.tandem.ot.value;

import java.time.Instant;
import java.util.Objects;

/**
 * A date value. The client keeps millisecond precision.
 *
 * @param id the value id
 * @param value the instant
 */
public record DateValue(String id, Instant value) implements DataValue {
    /** Validates the components. */
    public DateValue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }
}
