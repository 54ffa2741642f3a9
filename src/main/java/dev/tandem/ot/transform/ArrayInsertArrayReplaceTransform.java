package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayInsertOperation} against a client {@code ArrayReplaceOperation}
 * on the same target.
 *
 * <p>An insert at or before the replaced index shifts the replace right; otherwise nothing changes.
 */
public final class ArrayInsertArrayReplaceTransform
        implements TransformationFunction<ArrayInsertOperation, ArrayReplaceOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public OperationPair transform(ArrayInsertOperation s, ArrayReplaceOperation c) {
        if (s.index() <= c.index()) {
            return new OperationPair(s, c.withIndex(c.index() + 1));
        }
        return new OperationPair(s, c);
    }
}
