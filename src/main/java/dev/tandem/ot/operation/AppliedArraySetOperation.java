package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.List;
import java.util.Objects;

/**
 * Applied array set.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param values the new elements
 * @param oldValues the replaced elements; {@code null} for a no-op
 */
public record AppliedArraySetOperation(String id, boolean noOp, List<DataValue> values, List<DataValue> oldValues)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedArraySetOperation {
        Objects.requireNonNull(id, "id");
        values = List.copyOf(values);
        oldValues = oldValues == null ? null : List.copyOf(oldValues);
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedArraySetOperation(id, noOp, oldValues, values);
    }
}
