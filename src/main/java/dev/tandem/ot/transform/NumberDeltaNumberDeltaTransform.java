package dev.tandem.ot.transform;

import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code NumberDeltaOperation} against a client {@code NumberDeltaOperation} on
 * the same target.
 *
 * <p>Deltas commute: both pass unchanged.
 */
public final class NumberDeltaNumberDeltaTransform
        implements TransformationFunction<NumberDeltaOperation, NumberDeltaOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.NUMBER_DELTA;
    }

    @Override
    public OperationType clientType() {
        return OperationType.NUMBER_DELTA;
    }

    @Override
    public OperationPair transform(NumberDeltaOperation s, NumberDeltaOperation c) {
        return new OperationPair(s, c);
    }
}
