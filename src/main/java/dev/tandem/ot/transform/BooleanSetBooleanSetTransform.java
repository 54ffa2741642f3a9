package dev.tandem.ot.transform;

import dev.tandem.ot.operation.BooleanSetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code BooleanSetOperation} against a client {@code BooleanSetOperation} on
 * the same target.
 *
 * <p>Tie-break: the server's set wins and the client's becomes a no-op; with equal values
 * (booleans) both become no-ops. As in the client, the client's result is then a no-op copy of the
 * server's operation (same target and value).
 */
public final class BooleanSetBooleanSetTransform
        implements TransformationFunction<BooleanSetOperation, BooleanSetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.BOOLEAN_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.BOOLEAN_SET;
    }

    @Override
    public OperationPair transform(BooleanSetOperation s, BooleanSetOperation c) {
        if (s.value() == c.value()) {
            return new OperationPair(s.asNoOp(), s.asNoOp());
        }
        return new OperationPair(s, c.asNoOp());
    }
}
