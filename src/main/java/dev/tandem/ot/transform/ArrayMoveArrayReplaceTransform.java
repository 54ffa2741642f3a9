package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.ArrayReplaceOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayMoveOperation} against a client {@code ArrayReplaceOperation} on
 * the same target.
 *
 * <p>The client's replace follows its element through the server's move (the moved element's
 * replace goes to the destination, replaces inside the range shift by one); the move never changes.
 */
public final class ArrayMoveArrayReplaceTransform
        implements TransformationFunction<ArrayMoveOperation, ArrayReplaceOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_REPLACE;
    }

    @Override
    public OperationPair transform(ArrayMoveOperation s, ArrayReplaceOperation c) {
        switch (MoveDirection.of(s)) {
            case FORWARD:
                switch (MoveDirection.relation(s, c.index())) {
                    case START:
                        return new OperationPair(s, c.withIndex(s.toIndex()));
                    case WITHIN:
                    case END:
                        return new OperationPair(s, c.withIndex(c.index() - 1));
                    default:
                        return new OperationPair(s, c);
                }
            case BACKWARD:
                switch (MoveDirection.relation(s, c.index())) {
                    case END:
                        return new OperationPair(s, c.withIndex(s.toIndex()));
                    case START:
                    case WITHIN:
                        return new OperationPair(s, c.withIndex(c.index() + 1));
                    default:
                        return new OperationPair(s, c);
                }
            default:
                return new OperationPair(s, c);
        }
    }
}
