package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Replaces the element at {@code index} with {@code value}.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param index position replaced
 * @param value the new element
 */
public record ArrayReplaceOperation(String id, boolean noOp, int index, DataValue value) implements DiscreteOperation {
    /** Validates the components. */
    public ArrayReplaceOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public OperationType type() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public ArrayReplaceOperation asNoOp() {
        return new ArrayReplaceOperation(id, true, index, value);
    }

    /** A copy with another index. */
    public ArrayReplaceOperation withIndex(int newIndex) {
        return new ArrayReplaceOperation(id, noOp, newIndex, value);
    }
}
