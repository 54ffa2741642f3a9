package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayReplaceOperation} against a client {@code ArrayMoveOperation} on
 * the same target.
 *
 * <p>The replace follows its element through the client's move: the moved element's replace goes to
 * the destination, replaces inside the range shift by one toward the vacated slot; the move itself
 * never changes.
 */
public final class ArrayReplaceArrayMoveTransform
        implements TransformationFunction<ArrayReplaceOperation, ArrayMoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationPair transform(ArrayReplaceOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.of(c)) {
            case FORWARD:
                switch (MoveDirection.relation(c, s.index())) {
                    case START:
                        return new OperationPair(s.withIndex(c.toIndex()), c);
                    case WITHIN:
                    case END:
                        return new OperationPair(s.withIndex(s.index() - 1), c);
                    default:
                        return new OperationPair(s, c);
                }
            case BACKWARD:
                switch (MoveDirection.relation(c, s.index())) {
                    case END:
                        return new OperationPair(s.withIndex(c.toIndex()), c);
                    case START:
                    case WITHIN:
                        return new OperationPair(s.withIndex(s.index() + 1), c);
                    default:
                        return new OperationPair(s, c);
                }
            default:
                return new OperationPair(s, c);
        }
    }
}
