package dev.tandem.ot.transform;

import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.NumberSetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code NumberSetOperation} against a client {@code NumberDeltaOperation} on
 * the same target.
 *
 * <p>Tie-break: a whole-value set beats a fine-grained operation; the client's operation becomes a
 * no-op and the server's set stands.
 */
public final class NumberSetNumberDeltaTransform
        implements TransformationFunction<NumberSetOperation, NumberDeltaOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.NUMBER_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.NUMBER_DELTA;
    }

    @Override
    public OperationPair transform(NumberSetOperation s, NumberDeltaOperation c) {
        return new OperationPair(s, c.asNoOp());
    }
}
