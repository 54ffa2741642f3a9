package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Inserts {@code value} at {@code index}.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param index insert position
 * @param value the inserted value
 */
public record ArrayInsertOperation(String id, boolean noOp, int index, DataValue value) implements DiscreteOperation {
    /** Validates the components. */
    public ArrayInsertOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public OperationType type() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public ArrayInsertOperation asNoOp() {
        return new ArrayInsertOperation(id, true, index, value);
    }

    /** A copy with another index. */
    public ArrayInsertOperation withIndex(int newIndex) {
        return new ArrayInsertOperation(id, noOp, newIndex, value);
    }
}
