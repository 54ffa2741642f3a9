package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Applied number delta. {@code oldValue} is not on the wire; it lets a rollback restore the number
 * exactly.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param delta the amount added
 * @param oldValue the number before (0 for a no-op)
 */
public record AppliedNumberDeltaOperation(String id, boolean noOp, double delta, double oldValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedNumberDeltaOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedNumberDeltaOperation(id, noOp, -delta, oldValue + delta);
    }
}
