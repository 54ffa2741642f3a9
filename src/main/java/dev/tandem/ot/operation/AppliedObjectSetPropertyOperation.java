package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Applied property set (also what an add-property on an existing key turns into).
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param key property name
 * @param value the new value
 * @param oldValue the replaced value; {@code null} for a no-op
 */
public record AppliedObjectSetPropertyOperation(
        String id, boolean noOp, String key, DataValue value, DataValue oldValue) implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedObjectSetPropertyOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedObjectSetPropertyOperation(id, noOp, key, oldValue, value);
    }
}
