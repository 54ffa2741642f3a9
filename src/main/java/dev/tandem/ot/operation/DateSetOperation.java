package dev.tandem.ot.operation;

import java.time.Instant;
import java.util.Objects;

/**
 * Replaces a date.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param value the new instant
 */
public record DateSetOperation(String id, boolean noOp, Instant value) implements DiscreteOperation {
    /** Validates the components. */
    public DateSetOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public OperationType type() {
        return OperationType.DATE_SET;
    }

    @Override
    public DateSetOperation asNoOp() {
        return new DateSetOperation(id, true, value);
    }
}
