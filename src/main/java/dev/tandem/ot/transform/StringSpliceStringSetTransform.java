package dev.tandem.ot.transform;

import dev.tandem.ot.operation.OperationType;
import dev.tandem.ot.operation.StringSetOperation;
import dev.tandem.ot.operation.StringSpliceOperation;

/**
 * Transforms a server {@code StringSpliceOperation} against a client {@code StringSetOperation} on
 * the same target.
 *
 * <p>Tie-break: a whole-value set beats a fine-grained operation, even the server's: the server's
 * operation becomes a no-op and the client's set stands.
 */
public final class StringSpliceStringSetTransform
        implements TransformationFunction<StringSpliceOperation, StringSetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.STRING_SPLICE;
    }

    @Override
    public OperationType clientType() {
        return OperationType.STRING_SET;
    }

    @Override
    public OperationPair transform(StringSpliceOperation s, StringSetOperation c) {
        return new OperationPair(s.asNoOp(), c);
    }
}
