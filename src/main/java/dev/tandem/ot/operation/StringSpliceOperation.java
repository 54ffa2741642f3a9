package dev.tandem.ot.operation;

import java.util.Objects;

/**
 * Removes {@code deleteCount} characters at {@code index}, then inserts {@code insertValue} there.
 *
 * @param id target string id
 * @param noOp whether neutralised
 * @param index UTF-16 index
 * @param deleteCount characters removed
 * @param insertValue text inserted
 */
public record StringSpliceOperation(String id, boolean noOp, int index, int deleteCount, String insertValue)
        implements DiscreteOperation {
    /** Validates the components. */
    public StringSpliceOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(insertValue, "insertValue");
    }

    @Override
    public OperationType type() {
        return OperationType.STRING_SPLICE;
    }

    @Override
    public StringSpliceOperation asNoOp() {
        return new StringSpliceOperation(id, true, index, deleteCount, insertValue);
    }

    /** A copy at another index. */
    public StringSpliceOperation withIndex(int newIndex) {
        return new StringSpliceOperation(id, noOp, newIndex, deleteCount, insertValue);
    }

    /** A copy with another delete count. */
    public StringSpliceOperation withDeleteCount(int newDeleteCount) {
        return new StringSpliceOperation(id, noOp, index, newDeleteCount, insertValue);
    }

    /** A copy with another index and delete count. */
    public StringSpliceOperation with(int newIndex, int newDeleteCount) {
        return new StringSpliceOperation(id, noOp, newIndex, newDeleteCount, insertValue);
    }
}
