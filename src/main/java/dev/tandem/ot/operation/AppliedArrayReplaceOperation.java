package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Objects;

/**
 * Applied array replace.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param index replaced position
 * @param value the new element
 * @param oldValue the replaced element; {@code null} for a no-op
 */
public record AppliedArrayReplaceOperation(String id, boolean noOp, int index, DataValue value, DataValue oldValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedArrayReplaceOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedArrayReplaceOperation(id, noOp, index, oldValue, value);
    }
}
