package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Replaces a boolean.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param value the new boolean
 */
public record BooleanSetOperation(String id, boolean noOp, boolean value) implements DiscreteOperation {
    /** Validates the components. */
    public BooleanSetOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public OperationType type() {
        return OperationType.BOOLEAN_SET;
    }

    @Override
    public BooleanSetOperation asNoOp() {
        return new BooleanSetOperation(id, true, value);
    }
}
