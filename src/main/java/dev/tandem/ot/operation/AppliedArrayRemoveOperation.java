package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Applied array remove: keeps the removed value.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param index removed position
 * @param oldValue the removed value; {@code null} for a no-op
 */
public record AppliedArrayRemoveOperation(String id, boolean noOp, int index, DataValue oldValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedArrayRemoveOperation {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedArrayInsertOperation(id, noOp, index, oldValue);
    }
}
