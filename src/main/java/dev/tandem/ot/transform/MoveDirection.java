package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ArrayMoveOperation;

/**
 * The direction of an array move and the helpers the move transforms share. A move covers the
 * closed range {@code [min(from, to), max(from, to)]}.
 */
public enum MoveDirection {
    /** fromIndex &lt; toIndex. */
    FORWARD,
    /** fromIndex &gt; toIndex. */
    BACKWARD,
    /** fromIndex == toIndex. */
    IDENTITY;

    /**
     * The direction of a move.
     *
     * @param move the move
     * @return its direction
     */
    public static MoveDirection of(ArrayMoveOperation move) {
        if (move.fromIndex() < move.toIndex()) {
            return FORWARD;
        }
        return move.fromIndex() > move.toIndex() ? BACKWARD : IDENTITY;
    }

    static int min(ArrayMoveOperation m) {
        return Math.min(m.fromIndex(), m.toIndex());
    }

    static int max(ArrayMoveOperation m) {
        return Math.max(m.fromIndex(), m.toIndex());
    }

    static RangeIndexRelation relation(ArrayMoveOperation m, int index) {
        return RangeIndexRelation.of(min(m), max(m), index);
    }

    static RangeRangeRelation relation(ArrayMoveOperation s, ArrayMoveOperation c) {
        return RangeRangeRelation.of(min(s), max(s), min(c), max(c));
    }
}
