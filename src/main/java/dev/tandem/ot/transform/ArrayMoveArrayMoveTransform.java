package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayMoveOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ArrayMoveOperation} against a client {@code ArrayMoveOperation} on the
 * same array.
 *
 * <p>Cases by the two directions (forward, backward, identity) and then by the relation of the two
 * closed ranges {@code [min(from,to), max(from,to)]} ({@link RangeRangeRelation}). Tie-breaks: two
 * moves of the same element (same from index) in the same direction: the server's destination wins
 * and the client's move becomes a no-op; two identical forward or backward moves both become
 * no-ops; an identity move is shifted like a plain index (or follows the element the other side
 * moved). Note the client's own quirk reproduced here: a forward and a backward move with equal
 * ranges (they swap the same two ends) shift both from indices instead of cancelling.
 */
public final class ArrayMoveArrayMoveTransform
        implements TransformationFunction<ArrayMoveOperation, ArrayMoveOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.ARRAY_MOVE;
    }

    @Override
    public OperationPair transform(ArrayMoveOperation s, ArrayMoveOperation c) {
        MoveDirection sd = MoveDirection.of(s);
        MoveDirection cd = MoveDirection.of(c);
        if (sd == MoveDirection.FORWARD) {
            if (cd == MoveDirection.FORWARD) {
                return forwardForward(s, c);
            }
            return cd == MoveDirection.BACKWARD ? forwardBackward(s, c) : forwardIdentity(s, c);
        } else if (sd == MoveDirection.BACKWARD) {
            if (cd == MoveDirection.FORWARD) {
                return backwardForward(s, c);
            }
            return cd == MoveDirection.BACKWARD ? backwardBackward(s, c) : backwardIdentity(s, c);
        } else if (cd == MoveDirection.FORWARD) {
            return identityForward(s, c);
        } else if (cd == MoveDirection.BACKWARD) {
            return identityBackward(s, c);
        }
        return new OperationPair(s, c);
    }

    private static OperationPair forwardForward(ArrayMoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.relation(s, c)) {
            case PRECEDES:
                return new OperationPair(s, c);
            case PRECEDED_BY:
                return new OperationPair(s, c);
            case MEETS:
                return new OperationPair(s.withToIndex(s.toIndex() - 1), c.withFromIndex(c.fromIndex() - 1));
            case MET_BY:
                return new OperationPair(s.withFromIndex(s.fromIndex() - 1), c.withToIndex(c.toIndex() - 1));
            case OVERLAPS:
                return new OperationPair(s.withToIndex(s.toIndex() - 1), c.withFromIndex(c.fromIndex() - 1));
            case OVERLAPPED_BY:
                return new OperationPair(s.withFromIndex(s.fromIndex() - 1), c.withToIndex(c.toIndex() - 1));
            case STARTS:
                return new OperationPair(s.withFromIndex(c.toIndex()), c.asNoOp());
            case STARTED_BY:
                return new OperationPair(s.withFromIndex(c.toIndex()), c.asNoOp());
            case CONTAINS:
                return new OperationPair(s, c.withIndices(c.fromIndex() - 1, c.toIndex() - 1));
            case CONTAINED_BY:
                return new OperationPair(s.withIndices(s.fromIndex() - 1, s.toIndex() - 1), c);
            case FINISHES:
                return new OperationPair(s.withFromIndex(s.fromIndex() - 1), c.withToIndex(c.toIndex() - 1));
            case FINISHED_BY:
                return new OperationPair(s, c.withIndices(c.fromIndex() - 1, c.toIndex() - 1));
            case EQUAL_TO:
                return new OperationPair(s.asNoOp(), c.asNoOp());
            default:
                throw new IllegalStateException("unreachable");
        }
    }

    private static OperationPair forwardBackward(ArrayMoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.relation(s, c)) {
            case PRECEDES:
                return new OperationPair(s, c);
            case PRECEDED_BY:
                return new OperationPair(s, c);
            case MEETS:
                return new OperationPair(s.withToIndex(s.toIndex() + 1), c.withToIndex(c.toIndex() - 1));
            case MET_BY:
                return new OperationPair(s.withFromIndex(c.toIndex()), c.asNoOp());
            case OVERLAPS:
                return new OperationPair(s.withToIndex(s.toIndex() + 1), c.withToIndex(c.toIndex() - 1));
            case OVERLAPPED_BY:
                return new OperationPair(s.withFromIndex(s.fromIndex() + 1), c.withFromIndex(c.fromIndex() - 1));
            case STARTS:
                return new OperationPair(s.withIndices(s.fromIndex() + 1, s.toIndex() + 1), c);
            case STARTED_BY:
                return new OperationPair(s.withFromIndex(s.fromIndex() + 1), c.withFromIndex(c.fromIndex() - 1));
            case CONTAINS:
                return new OperationPair(s, c.withIndices(c.fromIndex() - 1, c.toIndex() - 1));
            case CONTAINED_BY:
                return new OperationPair(s.withIndices(s.fromIndex() + 1, s.toIndex() + 1), c);
            case FINISHES:
                return new OperationPair(s.withFromIndex(s.fromIndex() + 1), c.withFromIndex(c.fromIndex() - 1));
            case FINISHED_BY:
                return new OperationPair(s, c.withIndices(c.fromIndex() - 1, c.toIndex() - 1));
            case EQUAL_TO:
                return new OperationPair(s.withFromIndex(s.fromIndex() + 1), c.withFromIndex(c.fromIndex() - 1));
            default:
                throw new IllegalStateException("unreachable");
        }
    }

    private static OperationPair backwardForward(ArrayMoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.relation(s, c)) {
            case PRECEDES:
                return new OperationPair(s, c);
            case PRECEDED_BY:
                return new OperationPair(s, c);
            case MEETS:
                return new OperationPair(s.withFromIndex(c.toIndex()), c.asNoOp());
            case MET_BY:
                return new OperationPair(s.withToIndex(s.toIndex() - 1), c.withToIndex(c.toIndex() + 1));
            case OVERLAPS:
                return new OperationPair(s.withFromIndex(s.fromIndex() - 1), c.withFromIndex(c.fromIndex() + 1));
            case OVERLAPPED_BY:
                return new OperationPair(s.withToIndex(s.toIndex() - 1), c.withToIndex(c.toIndex() + 1));
            case STARTS:
                return new OperationPair(s.withFromIndex(s.fromIndex() - 1), c.withFromIndex(c.fromIndex() + 1));
            case STARTED_BY:
                return new OperationPair(s, c.withIndices(c.fromIndex() + 1, c.toIndex() + 1));
            case CONTAINS:
                return new OperationPair(s, c.withIndices(c.fromIndex() + 1, c.toIndex() + 1));
            case CONTAINED_BY:
                return new OperationPair(s.withIndices(s.fromIndex() - 1, s.toIndex() - 1), c);
            case FINISHES:
                return new OperationPair(s.withIndices(s.fromIndex() - 1, s.toIndex() - 1), c);
            case FINISHED_BY:
                return new OperationPair(s.withFromIndex(s.fromIndex() - 1), c.withFromIndex(c.fromIndex() + 1));
            case EQUAL_TO:
                return new OperationPair(s.withFromIndex(s.fromIndex() - 1), c.withFromIndex(c.fromIndex() + 1));
            default:
                throw new IllegalStateException("unreachable");
        }
    }

    private static OperationPair backwardBackward(ArrayMoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.relation(s, c)) {
            case PRECEDES:
                return new OperationPair(s, c);
            case PRECEDED_BY:
                return new OperationPair(s, c);
            case MEETS:
                return new OperationPair(s.withFromIndex(s.fromIndex() + 1), c.withToIndex(c.toIndex() + 1));
            case MET_BY:
                return new OperationPair(s.withToIndex(s.toIndex() + 1), c.withFromIndex(c.fromIndex() + 1));
            case OVERLAPS:
                return new OperationPair(s.withFromIndex(s.fromIndex() + 1), c.withToIndex(c.toIndex() + 1));
            case OVERLAPPED_BY:
                return new OperationPair(s.withToIndex(s.toIndex() + 1), c.withFromIndex(c.fromIndex() + 1));
            case STARTS:
                return new OperationPair(s.withIndices(s.fromIndex() + 1, s.toIndex() + 1), c);
            case STARTED_BY:
                return new OperationPair(s, c.withIndices(c.fromIndex() + 1, c.toIndex() + 1));
            case CONTAINS:
                return new OperationPair(s, c.withIndices(c.fromIndex() + 1, c.toIndex() + 1));
            case CONTAINED_BY:
                return new OperationPair(s.withIndices(s.fromIndex() + 1, s.toIndex() + 1), c);
            case FINISHES:
                return new OperationPair(s.withFromIndex(c.toIndex()), c.asNoOp());
            case FINISHED_BY:
                return new OperationPair(s.withFromIndex(c.toIndex()), c.asNoOp());
            case EQUAL_TO:
                return new OperationPair(s.asNoOp(), c.asNoOp());
            default:
                throw new IllegalStateException("unreachable");
        }
    }

    private static OperationPair forwardIdentity(ArrayMoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.relation(s, c.fromIndex())) {
            case START:
                return new OperationPair(s, c.withIndices(s.toIndex(), s.toIndex()));
            case WITHIN:
            case END:
                return new OperationPair(s, c.withIndices(c.fromIndex() - 1, c.toIndex() - 1));
            default:
                return new OperationPair(s, c);
        }
    }

    private static OperationPair backwardIdentity(ArrayMoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.relation(s, c.fromIndex())) {
            case START:
            case WITHIN:
                return new OperationPair(s, c.withIndices(c.fromIndex() + 1, c.toIndex() + 1));
            case END:
                return new OperationPair(s, c.withIndices(s.toIndex(), s.toIndex()));
            default:
                return new OperationPair(s, c);
        }
    }

    private static OperationPair identityForward(ArrayMoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.relation(c, s.fromIndex())) {
            case START:
                return new OperationPair(s.withIndices(c.toIndex(), c.toIndex()), c);
            case WITHIN:
            case END:
                return new OperationPair(s.withIndices(s.fromIndex() - 1, s.toIndex() - 1), c);
            default:
                return new OperationPair(s, c);
        }
    }

    private static OperationPair identityBackward(ArrayMoveOperation s, ArrayMoveOperation c) {
        switch (MoveDirection.relation(c, s.fromIndex())) {
            case START:
            case WITHIN:
                return new OperationPair(s.withIndices(s.fromIndex() + 1, s.toIndex() + 1), c);
            case END:
                return new OperationPair(s.withIndices(c.toIndex(), c.toIndex()), c);
            default:
                return new OperationPair(s, c);
        }
    }
}
