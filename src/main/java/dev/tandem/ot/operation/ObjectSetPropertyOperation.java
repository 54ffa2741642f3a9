package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Sets the existing property {@code key}.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param key property name
 * @param value the new value
 */
public record ObjectSetPropertyOperation(String id, boolean noOp, String key, DataValue value)
        implements DiscreteOperation {
    /** Validates the components. */
    public ObjectSetPropertyOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public OperationType type() {
        return OperationType.OBJECT_SET_PROPERTY;
    }

    @Override
    public ObjectSetPropertyOperation asNoOp() {
        return new ObjectSetPropertyOperation(id, true, key, value);
    }
}
