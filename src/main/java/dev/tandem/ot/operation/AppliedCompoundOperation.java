package dev.tandem.ot.operation;

import java.util.List;

/**
 * The applied form of a compound operation, one applied element per submitted element.
 *
 * @param operations the applied elements in order
 */
public record AppliedCompoundOperation(List<AppliedDiscreteOperation> operations) implements AppliedOperation {
    /** Copies the list. */
    public AppliedCompoundOperation {
        operations = List.copyOf(operations);
    }

    /**
     * The inverse: each element inverted, in reverse order (as the client's backward playback
     * applies them).
     */
    @Override
    public AppliedCompoundOperation inverse() {
        List<AppliedDiscreteOperation> inverted = new java.util.ArrayList<>(operations.size());
        for (int i = operations.size() - 1; i >= 0; i--) {
            inverted.add(operations.get(i).inverse());
        }
        return new AppliedCompoundOperation(inverted);
    }
}
