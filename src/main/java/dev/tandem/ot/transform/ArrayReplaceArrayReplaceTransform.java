package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayReplaceOperation} against a client {@code ArrayReplaceOperation}
 * on the same target.
 *
 * <p>Tie-break: at the same index the server's replace wins and the client's becomes a no-op; if
 * the client's deep equality (ids included) finds the values equal, both become no-ops.
 */
public final class ArrayReplaceArrayReplaceTransform
        implements TransformationFunction<ArrayReplaceOperation, ArrayReplaceOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public OperationPair transform(ArrayReplaceOperation s, ArrayReplaceOperation c) {
        if (s.index() != c.index()) {
            return new OperationPair(s, c);
        } else if (!ClientEquality.deepEquals(s.value(), c.value())) {
            return new OperationPair(s, c.asNoOp());
        }
        return new OperationPair(s.asNoOp(), c.asNoOp());
    }
}
