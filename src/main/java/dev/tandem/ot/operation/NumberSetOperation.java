package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Replaces a number.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param value the new number
 */
public record NumberSetOperation(String id, boolean noOp, double value) implements DiscreteOperation {
    /** Validates the components. */
    public NumberSetOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public OperationType type() {
        return OperationType.NUMBER_SET;
    }

    @Override
    public NumberSetOperation asNoOp() {
        return new NumberSetOperation(id, true, value);
    }
}
