package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Moves the element at {@code fromIndex} so that it ends at {@code toIndex}.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param fromIndex source position
 * @param toIndex final position
 */
public record ArrayMoveOperation(String id, boolean noOp, int fromIndex, int toIndex) implements DiscreteOperation {
    /** Validates the components. */
    public ArrayMoveOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public OperationType type() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public ArrayMoveOperation asNoOp() {
        return new ArrayMoveOperation(id, true, fromIndex, toIndex);
    }

    /** A copy with another fromIndex. */
    public ArrayMoveOperation withFromIndex(int newFromIndex) {
        return new ArrayMoveOperation(id, noOp, newFromIndex, toIndex);
    }

    /** A copy with another toIndex. */
    public ArrayMoveOperation withToIndex(int newToIndex) {
        return new ArrayMoveOperation(id, noOp, fromIndex, newToIndex);
    }

    /** A copy with other indices. */
    public ArrayMoveOperation withIndices(int newFromIndex, int newToIndex) {
        return new ArrayMoveOperation(id, noOp, newFromIndex, newToIndex);
    }
}
