package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayInsertOperation} against a client {@code ArrayInsertOperation} on
 * the same target.
 *
 * <p>Tie-break: at an equal index the server's element goes first (the client's insert shifts
 * right).
 */
public final class ArrayInsertArrayInsertTransform
        implements TransformationFunction<ArrayInsertOperation, ArrayInsertOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public OperationPair transform(ArrayInsertOperation s, ArrayInsertOperation c) {
        if (s.index() <= c.index()) {
            return new OperationPair(s, c.withIndex(c.index() + 1));
        }
        return new OperationPair(s.withIndex(s.index() + 1), c);
    }
}
