package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayRemoveOperation} against a client {@code ArrayRemoveOperation} on
 * the same target.
 *
 * <p>Removing the same index twice: both become no-ops. Otherwise the later index shifts left.
 */
public final class ArrayRemoveArrayRemoveTransform
        implements TransformationFunction<ArrayRemoveOperation, ArrayRemoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public OperationPair transform(ArrayRemoveOperation s, ArrayRemoveOperation c) {
        if (s.index() == c.index()) {
            return new OperationPair(s.asNoOp(), c.asNoOp());
        } else if (s.index() < c.index()) {
            return new OperationPair(s, c.withIndex(c.index() - 1));
        }
        return new OperationPair(s.withIndex(s.index() - 1), c);
    }
}
