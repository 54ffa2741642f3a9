package dev.tandem.ot.operation;

import java.util.List;

/**
 * A batch of discrete operations applied in order and committed as one version.
 *
 * @param operations the operations (copied, unmodifiable)
 */
public record CompoundOperation(List<DiscreteOperation> operations) implements Operation {
    /** Copies the list. */
    public CompoundOperation {
        operations = List.copyOf(operations);
    }
}
