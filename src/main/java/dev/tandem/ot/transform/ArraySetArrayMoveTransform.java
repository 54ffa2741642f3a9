package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArraySetOperation} against a client {@code ArrayMoveOperation} on the
 * same target.
 *
 * <p>Tie-break: a whole-value set beats a fine-grained operation; the client's operation becomes a
 * no-op and the server's set stands.
 */
public final class ArraySetArrayMoveTransform implements TransformationFunction<ArraySetOperation, ArrayMoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationPair transform(ArraySetOperation s, ArrayMoveOperation c) {
        return new OperationPair(s, c.asNoOp());
    }
}
