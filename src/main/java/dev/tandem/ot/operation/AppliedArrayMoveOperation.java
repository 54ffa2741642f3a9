package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Applied array move.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param fromIndex source position
 * @param toIndex final position
 */
public record AppliedArrayMoveOperation(String id, boolean noOp, int fromIndex, int toIndex)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedArrayMoveOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedArrayMoveOperation(id, noOp, toIndex, fromIndex);
    }
}
