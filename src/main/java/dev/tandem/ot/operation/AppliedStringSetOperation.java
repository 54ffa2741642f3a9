package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Applied string set.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param value the new text
 * @param oldValue the replaced text; {@code null} for a no-op
 */
public record AppliedStringSetOperation(String id, boolean noOp, String value, String oldValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedStringSetOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedStringSetOperation(id, noOp, oldValue, value);
    }
}
