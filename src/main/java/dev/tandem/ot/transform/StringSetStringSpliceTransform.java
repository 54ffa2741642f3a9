package dev.tandem.ot.transform;

import dev.tandem.ot.operation.OperationType;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;

/**
 * Transforms a server {@code StringSetOperation} against a client {@code StringSpliceOperation} on
 * the same target.
 *
 * <p>Tie-break: a whole-value set beats a fine-grained operation; the client's operation becomes a
 * no-op and the server's set stands.
 */
public final class StringSetStringSpliceTransform
        implements TransformationFunction<StringSetOperation, StringSpliceOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.STRING_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.STRING_SPLICE;
    }

    @Override
    public OperationPair transform(StringSetOperation s, StringSpliceOperation c) {
        return new OperationPair(s, c.asNoOp());
    }
}
