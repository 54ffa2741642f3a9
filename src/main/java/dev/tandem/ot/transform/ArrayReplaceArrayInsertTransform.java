package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayReplaceOperation} against a client {@code ArrayInsertOperation}
 * on the same target.
 *
 * <p>An insert at or before the replaced index shifts the server's replace right.
 */
public final class ArrayReplaceArrayInsertTransform
        implements TransformationFunction<ArrayReplaceOperation, ArrayInsertOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public OperationPair transform(ArrayReplaceOperation s, ArrayInsertOperation c) {
        if (s.index() < c.index()) {
            return new OperationPair(s, c);
        }
        return new OperationPair(s.withIndex(s.index() + 1), c);
    }
}
