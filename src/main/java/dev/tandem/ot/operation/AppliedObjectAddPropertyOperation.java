package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Applied property add (also what a set-property on an absent key turns into).
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param key property name
 * @param value the added value
 */
public record AppliedObjectAddPropertyOperation(String id, boolean noOp, String key, DataValue value)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedObjectAddPropertyOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedObjectRemovePropertyOperation(id, noOp, key, value);
    }
}
