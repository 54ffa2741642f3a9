package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Adds property {@code key}.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param key property name
 * @param value the new value
 */
public record ObjectAddPropertyOperation(String id, boolean noOp, String key, DataValue value)
        implements DiscreteOperation {
    /** Validates the components. */
    public ObjectAddPropertyOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public OperationType type() {
        return OperationType.OBJECT_ADD_PROPERTY;
    }

    @Override
    public ObjectAddPropertyOperation asNoOp() {
        return new ObjectAddPropertyOperation(id, true, key, value);
    }
}
