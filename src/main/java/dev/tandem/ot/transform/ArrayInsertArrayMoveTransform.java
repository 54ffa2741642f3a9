package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayInsertOperation} against a client {@code ArrayMoveOperation} on
 * the same target.
 *
 * <p>The insert is classified against the client move's range {@code [min, max]}: before or at its
 * start it shifts the whole move; inside or at its end it lands on the other side of the moved
 * element; after it nothing changes. An identity move shifts unless the insert is after it.
 */
public final class ArrayInsertArrayMoveTransform
        implements TransformationFunction<ArrayInsertOperation, ArrayMoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationPair transform(ArrayInsertOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.of(c)) {
            case FORWARD:
                switch (MoveDirection.relation(c, s.index())) {
                    case BEFORE:
                    case START:
                        return new OperationPair(s, c.withIndices(c.fromIndex() + 1, c.toIndex() + 1));
                    case WITHIN:
                    case END:
                        return new OperationPair(s.withIndex(s.index() - 1), c.withToIndex(c.toIndex() + 1));
                    default:
                        return new OperationPair(s, c);
                }
            case BACKWARD:
                switch (MoveDirection.relation(c, s.index())) {
                    case BEFORE:
                    case START:
                        return new OperationPair(s, c.withIndices(c.fromIndex() + 1, c.toIndex() + 1));
                    case WITHIN:
                    case END:
                        return new OperationPair(s.withIndex(s.index() + 1), c.withFromIndex(c.fromIndex() + 1));
                    default:
                        return new OperationPair(s, c);
                }
            default:
                if (MoveDirection.relation(c, s.index()) == RangeIndexRelation.AFTER) {
                    return new OperationPair(s, c);
                }
                return new OperationPair(s, c.withIndices(c.fromIndex() + 1, c.toIndex() + 1));
        }
    }
}
