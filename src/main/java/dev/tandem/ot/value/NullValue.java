package dev.tandem.ot.value;

import java.util.Objects;

/**
 * The null value (it still has an id).
 *
 * @param id the value id
 */
public record NullValue(String id) implements DataValue {
    /** Validates the id. */
    public NullValue {
        Objects.requireNonNull(id, "id");
    }
}
