package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Applied splice: keeps the deleted text, whose length is the delete count.
 *
 * @param id target value id
 * @param noOp whether nothing happened (history playback skips it)
 * @param index splice position
 * @param deletedValue the text actually removed
 * @param insertedValue the text inserted
 */
public record AppliedStringSpliceOperation(
        String id, boolean noOp, int index, String deletedValue, String insertedValue)
        implements AppliedDiscreteOperation {
    /** Validates the components. */
    public AppliedStringSpliceOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deletedValue, "deletedValue");
        Objects.requireNonNull(insertedValue, "insertedValue");
    }

    @Override
    public AppliedDiscreteOperation inverse() {
        return new AppliedStringSpliceOperation(id, noOp, index, insertedValue, deletedValue);
    }
}
