package dev.tandem.ot.operation;

import dev.tandem.ot.value.DataValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces the whole object.
 *
 * @param id target value id
 * @param noOp whether neutralised
 * @param values the new properties
 */
public record ObjectSetOperation(String id, boolean noOp, Map<String, DataValue> values) implements DiscreteOperation {
    /** Validates the components. */
    public ObjectSetOperation {
        Objects.requireNonNull(id, "id");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    @Override
    public OperationType type() {
        return OperationType.OBJECT_SET;
    }

    @Override
    public ObjectSetOperation asNoOp() {
        return new ObjectSetOperation(id, true, values);
    }
}
