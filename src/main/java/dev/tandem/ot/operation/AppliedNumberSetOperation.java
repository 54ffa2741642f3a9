package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Applied number set.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param value the new number
 * @param oldValue the replaced number; {@code null} for a no-op
 */
public record AppliedNumberSetOperation(String id, boolean noOp, double value, Double oldValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedNumberSetOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedNumberSetOperation(id, noOp, oldValue == null ? 0 : oldValue, value);
    }
}
