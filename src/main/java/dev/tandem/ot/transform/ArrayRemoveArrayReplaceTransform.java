package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayRemoveOperation} against a client {@code ArrayReplaceOperation}
 * on the same target.
 *
 * <p>Tie-break: a replace of the removed element turns into an insert of the client's value at that
 * index, and the server's remove becomes a no-op (the replacement survives). A remove before the
 * replace shifts it left.
 */
public final class ArrayRemoveArrayReplaceTransform
        implements TransformationFunction<ArrayRemoveOperation, ArrayReplaceOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public OperationPair transform(ArrayRemoveOperation s, ArrayReplaceOperation c) {
        if (s.index() < c.index()) {
            return new OperationPair(s, c.withIndex(c.index() - 1));
        } else if (s.index() == c.index()) {
            return new OperationPair(s.asNoOp(), new ArrayInsertOperation(c.id(), c.noOp(), c.index(), c.value()));
        }
        return new OperationPair(s, c);
    }
}
