package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Map;
import java.util.Objects;

/**
 * Applied object set.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param values the new properties
 * @param oldValues the replaced properties; {@code null} for a no-op
 */
public record AppliedObjectSetOperation(
        String id, boolean noOp, Map<String, DataValue> values, Map<String, DataValue> oldValues)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedObjectSetOperation {
        Objects.requireNonNull(id, "id");
        values = Map.copyOf(values);
        oldValues = oldValues == null ? null : Map.copyOf(oldValues);
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedObjectSetOperation(id, noOp, oldValues, values);
    }
}
