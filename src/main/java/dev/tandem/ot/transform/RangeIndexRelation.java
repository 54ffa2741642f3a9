package dev.tandem.ot.transform;

/**
 * Where an index lies relative to a closed range {@code [start, end]}, classified as the client
 * does.
 */
public enum RangeIndexRelation {
    /** index &lt; start. */
    BEFORE,
    /** index == start. */
    START,
    /** start &lt; index &lt; end. */
    WITHIN,
    /** index == end (and end != start). */
    END,
    /** index &gt; end. */
    AFTER;

    /**
     * Classifies an index; START wins over END for an empty range.
     *
     * @param start range start
     * @param end range end
     * @param index the index
     * @return the relation
     */
    public static RangeIndexRelation of(int start, int end, int index) {
        if (index < start) {
            return BEFORE;
        } else if (index > end) {
            return AFTER;
        } else if (index == start) {
            return START;
        } else if (index == end) {
            return END;
        }
        return WITHIN;
    }
}
