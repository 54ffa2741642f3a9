package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Applied boolean set.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param value the new boolean
 * @param oldValue the replaced boolean; {@code null} for a no-op
 */
public record AppliedBooleanSetOperation(String id, boolean noOp, boolean value, Boolean oldValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedBooleanSetOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedBooleanSetOperation(id, noOp, oldValue != null && oldValue, value);
    }
}
