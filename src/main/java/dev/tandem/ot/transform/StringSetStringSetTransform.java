package dev.tandem.ot.transform;

import dev.tandem.ot.operation.OperationType;
import dev.tandem.ot.operation.StringSetOperation;

/**
 * Transforms a server {@code StringSetOperation} against a client {@code StringSetOperation} on the
 * same target.
 *
 * <p>Tie-break: the server's set wins and the client's becomes a no-op; with equal values (strings
 * compared with {@code ===}) both become no-ops. As in the client, the client's result is then a
 * no-op copy of the server's operation (same target and value).
 */
public final class StringSetStringSetTransform
        implements TransformationFunction<StringSetOperation, StringSetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.STRING_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.STRING_SET;
    }

    @Override
    public OperationPair transform(StringSetOperation s, StringSetOperation c) {
        if (s.value().equals(c.value())) {
            return new OperationPair(s.asNoOp(), s.asNoOp());
        }
        return new OperationPair(s, c.asNoOp());
    }
}
