package dev.tandem.ot.transform;

import dev.tandem.ot.operation.Operation;
import java.util.Objects;

/**
 * The result of transforming a server operation and a client operation against each other.
 *
 * @param serverOp the server operation transformed to apply after the client operation ({@code s'})
 * @param clientOp the client operation transformed to apply after the server operation ({@code c'})
 */
public record OperationPair(Operation serverOp, Operation clientOp) {
    /** Validates the components. */
    public OperationPair {
        Objects.requireNonNull(serverOp, "serverOp");
        Objects.requireNonNull(clientOp, "clientOp");
    }
}
