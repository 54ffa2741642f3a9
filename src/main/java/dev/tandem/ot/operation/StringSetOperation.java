package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Replaces the whole string.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param value the new text
 */
public record StringSetOperation(String id, boolean noOp, String value) implements DiscreteOperation {
    /** Validates the components. */
    public StringSetOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public OperationType type() {
        return OperationType.STRING_SET;
    }

    @Override
    public StringSetOperation asNoOp() {
        return new StringSetOperation(id, true, value);
    }
}
