package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayMoveOperation} against a client {@code ArrayRemoveOperation} on
 * the same target.
 *
 * <p>Tie-break: when the client removes the element the server moved, the move becomes a no-op and
 * the remove follows the element to the move's destination. Otherwise the remove is classified
 * against the move's range.
 */
public final class ArrayMoveArrayRemoveTransform
        implements TransformationFunction<ArrayMoveOperation, ArrayRemoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public OperationPair transform(ArrayMoveOperation s, ArrayRemoveOperation c) {
        switch (MoveDirection.of(s)) {
            case FORWARD:
                switch (MoveDirection.relation(s, c.index())) {
                    case BEFORE:
                        return new OperationPair(s.withIndices(s.fromIndex() - 1, s.toIndex() - 1), c);
                    case START:
                        return new OperationPair(s.asNoOp(), c.withIndex(s.toIndex()));
                    case WITHIN:
                    case END:
                        return new OperationPair(s.withToIndex(s.toIndex() - 1), c.withIndex(c.index() - 1));
                    default:
                        return new OperationPair(s, c);
                }
            case BACKWARD:
                switch (MoveDirection.relation(s, c.index())) {
                    case BEFORE:
                        return new OperationPair(s.withIndices(s.fromIndex() - 1, s.toIndex() - 1), c);
                    case START:
                    case WITHIN:
                        return new OperationPair(s.withFromIndex(s.fromIndex() - 1), c.withIndex(c.index() + 1));
                    case END:
                        return new OperationPair(s.asNoOp(), c.withIndex(s.toIndex()));
                    default:
                        return new OperationPair(s, c);
                }
            default:
                switch (MoveDirection.relation(s, c.index())) {
                    case BEFORE:
                        return new OperationPair(s.withIndices(s.fromIndex() - 1, s.toIndex() - 1), c);
                    case AFTER:
                        return new OperationPair(s, c);
                    default:
                        return new OperationPair(s.asNoOp(), c);
                }
        }
    }
}
