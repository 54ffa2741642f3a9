package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayReplaceOperation} against a client {@code ArrayRemoveOperation}
 * on the same target.
 *
 * <p>Tie-break: the server's replace of the element the client removed turns into an insert of the
 * server's value at that index, and the client's remove becomes a no-op. A remove before the
 * replace shifts it left.
 */
public final class ArrayReplaceArrayRemoveTransform
        implements TransformationFunction<ArrayReplaceOperation, ArrayRemoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public OperationPair transform(ArrayReplaceOperation s, ArrayRemoveOperation c) {
        if (s.index() < c.index()) {
            return new OperationPair(s, c);
        } else if (s.index() == c.index()) {
            return new OperationPair(new ArrayInsertOperation(s.id(), s.noOp(), s.index(), s.value()), c.asNoOp());
        }
        return new OperationPair(s.withIndex(s.index() - 1), c);
    }
}
