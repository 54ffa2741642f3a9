package dev.tandem.ot.transform;

/**
 * Allen's interval relations of a server range to a client range, with the client's exact
 * classification (its order of tests decides the cases where the ranges merely touch).
 */
public enum RangeRangeRelation {
    /** The server range ends before the client range starts. */
    PRECEDES,
    /** The server range starts after the client range ends. */
    PRECEDED_BY,
    /** The server range ends where the client range starts. */
    MEETS,
    /** The server range starts where the client range ends. */
    MET_BY,
    /** The server range starts first and ends inside the client range. */
    OVERLAPS,
    /** The client range starts first and ends inside the server range. */
    OVERLAPPED_BY,
    /** Same start, the server range ends first. */
    STARTS,
    /** Same start, the client range ends first. */
    STARTED_BY,
    /** The server range strictly contains the client range. */
    CONTAINS,
    /** The client range strictly contains the server range. */
    CONTAINED_BY,
    /** Same end, the server range starts later. */
    FINISHES,
    /** Same end, the client range starts later. */
    FINISHED_BY,
    /** Same start and end. */
    EQUAL_TO;

    /**
     * Classifies two ranges.
     *
     * @param sStart server range start
     * @param sEnd server range end
     * @param cStart client range start
     * @param cEnd client range end
     * @return the relation of the server range to the client range
     */
    public static RangeRangeRelation of(int sStart, int sEnd, int cStart, int cEnd) {
        if (sStart == cStart) {
            if (sEnd == cEnd) {
                return EQUAL_TO;
            }
            return cEnd > sEnd ? STARTS : STARTED_BY;
        } else if (sStart > cStart) {
            if (sStart > cEnd) {
                return PRECEDED_BY;
            } else if (cEnd == sEnd) {
                return FINISHES;
            } else if (sEnd < cEnd) {
                return CONTAINED_BY;
            } else if (sStart == cEnd) {
                return MET_BY;
            }
            return OVERLAPPED_BY;
        } else {
            if (sEnd < cStart) {
                return PRECEDES;
            } else if (cEnd == sEnd) {
                return FINISHED_BY;
            } else if (sEnd > cEnd) {
                return CONTAINS;
            } else if (sEnd == cStart) {
                return MEETS;
            }
            return OVERLAPS;
        }
    }
}
