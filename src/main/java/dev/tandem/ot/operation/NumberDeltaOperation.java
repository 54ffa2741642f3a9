package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Adds {@code delta} to a number.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param delta the amount added
 */
public record NumberDeltaOperation(String id, boolean noOp, double delta) implements DiscreteOperation {
    /** Validates the components. */
    public NumberDeltaOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public OperationType type() {
        return OperationType.NUMBER_DELTA;
    }

    @Override
    public NumberDeltaOperation asNoOp() {
        return new NumberDeltaOperation(id, true, delta);
    }
}
