package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayInsertOperation;
import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayMoveOperation} against a client {@code ArrayInsertOperation} on
 * the same target.
 *
 * <p>The client's insert is classified against the server move's range {@code [min, max]}: before
 * or at its start it shifts the whole move; inside or at its end the insert lands on the other side
 * of the moved element; after it nothing changes. An identity move shifts unless the insert is
 * after it.
 */
public final class ArrayMoveArrayInsertTransform
        implements TransformationFunction<ArrayMoveOperation, ArrayInsertOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_INSERT;
    }

    @Override
    public OperationPair transform(ArrayMoveOperation s, ArrayInsertOperation c) {
        switch (MoveDirection.of(s)) {
            case FORWARD:
                switch (MoveDirection.relation(s, c.index())) {
                    case BEFORE:
                    case START:
                        return new OperationPair(s.withIndices(s.fromIndex() + 1, s.toIndex() + 1), c);
                    case WITHIN:
                    case END:
                        return new OperationPair(s.withToIndex(s.toIndex() + 1), c.withIndex(c.index() - 1));
                    default:
                        return new OperationPair(s, c);
                }
            case BACKWARD:
                switch (MoveDirection.relation(s, c.index())) {
                    case BEFORE:
                    case START:
                        return new OperationPair(s.withIndices(s.fromIndex() + 1, s.toIndex() + 1), c);
                    case WITHIN:
                    case END:
                        return new OperationPair(s.withFromIndex(s.fromIndex() + 1), c.withIndex(c.index() + 1));
                    default:
                        return new OperationPair(s, c);
                }
            default:
                if (MoveDirection.relation(s, c.index()) == RangeIndexRelation.AFTER) {
                    return new OperationPair(s, c);
                }
                return new OperationPair(s.withIndices(s.fromIndex() + 1, s.toIndex() + 1), c);
        }
    }
}
