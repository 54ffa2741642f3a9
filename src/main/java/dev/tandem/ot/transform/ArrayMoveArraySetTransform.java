package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArraySetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayMoveOperation} against a client {@code ArraySetOperation} on the
 * same target.
 *
 * <p>Tie-break: a whole-value set beats a fine-grained operation, even the server's: the server's
 * operation becomes a no-op and the client's set stands.
 */
public final class ArrayMoveArraySetTransform implements TransformationFunction<ArrayMoveOperation, ArraySetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_SET;
    }

    @Override
    public OperationPair transform(ArrayMoveOperation s, ArraySetOperation c) {
        return new OperationPair(s.asNoOp(), c);
    }
}
