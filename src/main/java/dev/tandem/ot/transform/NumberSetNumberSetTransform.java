package dev.tandem.ot.transform;

import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code NumberSetOperation} against a client {@code NumberSetOperation} on the
 * same target.
 *
 * <p>Tie-break: the server's set wins and the client's becomes a no-op; with equal values (numbers
 * compared with {@code ===}: NaN never equal, 0 equals -0) both become no-ops. As in the client,
 * the client's result is then a no-op copy of the server's operation (same target and value).
 */
public final class NumberSetNumberSetTransform
        implements TransformationFunction<NumberSetOperation, NumberSetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.NUMBER_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.NUMBER_SET;
    }

    @Override
    public OperationPair transform(NumberSetOperation s, NumberSetOperation c) {
        if (s.value() == c.value()) {
            return new OperationPair(s.asNoOp(), s.asNoOp());
        }
        return new OperationPair(s, c.asNoOp());
    }
}
