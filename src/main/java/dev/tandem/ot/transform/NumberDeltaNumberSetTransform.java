package dev.tandem.ot.transform;

import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code NumberDeltaOperation} against a client {@code NumberSetOperation} on
 * the same target.
 *
 * <p>Tie-break: a whole-value set beats a fine-grained operation, even the server's: the server's
 * operation becomes a no-op and the client's set stands.
 */
public final class NumberDeltaNumberSetTransform
        implements TransformationFunction<NumberDeltaOperation, NumberSetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.NUMBER_DELTA;
    }

    @Override
    public OperationType clientType() {
        return OperationType.NUMBER_SET;
    }

    @Override
    public OperationPair transform(NumberDeltaOperation s, NumberSetOperation c) {
        return new OperationPair(s.asNoOp(), c);
    }
}
