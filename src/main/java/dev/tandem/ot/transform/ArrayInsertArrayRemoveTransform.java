package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayInsertOperation} against a client {@code ArrayRemoveOperation} on
 * the same target.
 *
 * <p>An insert at or before the removed index shifts the remove right; otherwise the insert shifts
 * left.
 */
public final class ArrayInsertArrayRemoveTransform
        implements TransformationFunction<ArrayInsertOperation, ArrayRemoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public OperationPair transform(ArrayInsertOperation s, ArrayRemoveOperation c) {
        if (s.index() <= c.index()) {
            return new OperationPair(s, c.withIndex(c.index() + 1));
        }
        return new OperationPair(s.withIndex(s.index() - 1), c);
    }
}
