package dev.tandem.ot.reference;

import java.util.List;
import java.util.Objects;

/**
 * Ranges in a string (selections).
 *
 * @param valueId the string's id
 * @param ranges the ranges
 */
public record RangeReference(String valueId, List<Range> ranges) implements ReferenceValue {
    /** Validates and copies. */
    public RangeReference {
        Objects.requireNonNull(valueId, "valueId");
        ranges = List.copyOf(ranges);
    }

    /**
     * One range; {@code start} may be greater than {@code end} (a backwards selection).
     *
     * @param start start index
     * @param end end index
     */
    public record Range(int start, int end) {}
}
