package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectSetPropertyOperation} against a client {@code
 * ObjectSetOperation} on the same target.
 *
 * <p>Tie-break: a whole-value set beats a fine-grained operation, even the server's: the server's
 * operation becomes a no-op and the client's set stands.
 */
public final class ObjectSetPropertyObjectSetTransform
        implements TransformationFunction<ObjectSetPropertyOperation, ObjectSetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_SET_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_SET;
    }

    @Override
    public OperationPair transform(ObjectSetPropertyOperation s, ObjectSetOperation c) {
        return new OperationPair(s.asNoOp(), c);
    }
}
