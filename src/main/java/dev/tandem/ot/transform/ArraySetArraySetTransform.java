package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArraySetOperation} against a client {@code ArraySetOperation} on the
 * same target.
 *
 * <p>Tie-break: the server's set wins and the client's becomes a no-op; if the client's deep
 * equality (ids included, see {@link ClientEquality}) finds the values equal, both become no-ops.
 */
public final class ArraySetArraySetTransform implements TransformationFunction<ArraySetOperation, ArraySetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_SET;
    }

    @Override
    public OperationPair transform(ArraySetOperation s, ArraySetOperation c) {
        if (!ClientEquality.deepEquals(s.values(), c.values())) {
            return new OperationPair(s, c.asNoOp());
        }
        return new OperationPair(s.asNoOp(), c.asNoOp());
    }
}
