package dev.tandem.ot.transform;

import dev.tandem.ot.operation.DateSetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code DateSetOperation} against a client {@code DateSetOperation} on the
 * same target.
 *
 * <p>Tie-break: the server's set wins and the client's becomes a no-op; with equal values (dates
 * compared by epoch milliseconds) both become no-ops. As in the client, the client's result is then
 * a no-op copy of the server's operation (same target and value).
 */
public final class DateSetDateSetTransform implements TransformationFunction<DateSetOperation, DateSetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.DATE_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.DATE_SET;
    }

    @Override
    public OperationPair transform(DateSetOperation s, DateSetOperation c) {
        if (s.value().toEpochMilli() == c.value().toEpochMilli()) {
            return new OperationPair(s.asNoOp(), s.asNoOp());
        }
        return new OperationPair(s, c.asNoOp());
    }
}
