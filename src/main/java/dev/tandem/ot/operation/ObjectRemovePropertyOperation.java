package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Removes property {@code key}.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param key property name
 */
public record ObjectRemovePropertyOperation(String id, boolean noOp, String key) implements DiscreteOperation {
    /** Validates the components. */
    public ObjectRemovePropertyOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public OperationType type() {
        return OperationType.OBJECT_REMOVE_PROPERTY;
    }

    @Override
    public ObjectRemovePropertyOperation asNoOp() {
        return new ObjectRemovePropertyOperation(id, true, key);
    }
}
