package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayRemoveOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayRemoveOperation} against a client {@code ArrayMoveOperation} on
 * the same target.
 *
 * <p>Tie-break: removing the element the client moves makes the move a no-op and the remove follows
 * the element to the move's destination. Otherwise the remove is classified against the move's
 * range (before: the move shifts left; inside: the remove lands on the other side and the move's
 * range shrinks).
 */
public final class ArrayRemoveArrayMoveTransform
        implements TransformationFunction<ArrayRemoveOperation, ArrayMoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_REMOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationPair transform(ArrayRemoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.of(c)) {
            case FORWARD:
                switch (MoveDirection.relation(c, s.index())) {
                    case BEFORE:
                        return new OperationPair(s, c.withIndices(c.fromIndex() - 1, c.toIndex() - 1));
                    case START:
                        return new OperationPair(s.withIndex(c.toIndex()), c.asNoOp());
                    case WITHIN:
                    case END:
                        return new OperationPair(s.withIndex(s.index() - 1), c.withToIndex(c.toIndex() - 1));
                    default:
                        return new OperationPair(s, c);
                }
            case BACKWARD:
                switch (MoveDirection.relation(c, s.index())) {
                    case BEFORE:
                        return new OperationPair(s, c.withIndices(c.fromIndex() - 1, c.toIndex() - 1));
                    case START:
                    case WITHIN:
                        return new OperationPair(s.withIndex(s.index() + 1), c.withFromIndex(c.fromIndex() - 1));
                    case END:
                        return new OperationPair(s.withIndex(c.toIndex()), c.asNoOp());
                    default:
                        return new OperationPair(s, c);
                }
            default:
                switch (MoveDirection.relation(c, s.index())) {
                    case BEFORE:
                        return new OperationPair(s, c.withIndices(c.fromIndex() - 1, c.toIndex() - 1));
                    case AFTER:
                        return new OperationPair(s, c);
                    default:
                        return new OperationPair(s, c.asNoOp());
                }
        }
    }
}
