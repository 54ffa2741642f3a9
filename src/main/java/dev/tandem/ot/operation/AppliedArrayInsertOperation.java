package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Applied array insert.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param index insert position
 * @param value the inserted value
 */
public record AppliedArrayInsertOperation(String id, boolean noOp, int index, DataValue value)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedArrayInsertOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedArrayRemoveOperation(id, noOp, index, value);
    }
}
