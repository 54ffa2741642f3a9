package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.List;
import java.util.Objects;

/**
 * Replaces the whole array.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param values the new elements
 */
public record ArraySetOperation(String id, boolean noOp, List<DataValue> values) implements DiscreteOperation {
    /** Validates the components. */
    public ArraySetOperation {
        Objects.requireNonNull(id, "id");
        values = List.copyOf(values);
    }

    @Override
    public OperationType type() {
        return OperationType.ARRAY_SET;
    }

    @Override
    public ArraySetOperation asNoOp() {
        return new ArraySetOperation(id, true, values);
    }
}
