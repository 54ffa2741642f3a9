package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Removes the element at {@code index}.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param index position removed
 */
public record ArrayRemoveOperation(String id, boolean noOp, int index) implements DiscreteOperation {
    /** Validates the components. */
    public ArrayRemoveOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public OperationType type() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public ArrayRemoveOperation asNoOp() {
        return new ArrayRemoveOperation(id, true, index);
    }

    /** A copy with another index. */
    public ArrayRemoveOperation withIndex(int newIndex) {
        return new ArrayRemoveOperation(id, noOp, newIndex);
    }
}
