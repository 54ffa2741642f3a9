package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayRemoveOperation} against a client {@code ArrayInsertOperation} on
 * the same target.
 *
 * <p>Tie-break: at an equal index the client's insert stays and the server's remove shifts right
 * (the inserted element survives); a remove before the insert shifts it left.
 */
public final class ArrayRemoveArrayInsertTransform
        implements TransformationFunction<ArrayRemoveOperation, ArrayInsertOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public OperationPair transform(ArrayRemoveOperation s, ArrayInsertOperation c) {
        if (s.index() < c.index()) {
            return new OperationPair(s, c.withIndex(c.index() - 1));
        }
        return new OperationPair(s.withIndex(s.index() + 1), c);
    }
}
