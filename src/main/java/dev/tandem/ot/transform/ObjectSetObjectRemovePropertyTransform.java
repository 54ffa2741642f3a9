package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectSetOperation} against a client {@code
 * ObjectRemovePropertyOperation} on the same target.
 *
 * <p>Tie-break: a whole-value set beats a fine-grained operation; the client's operation becomes a
 * no-op and the server's set stands.
 */
public final class ObjectSetObjectRemovePropertyTransform
        implements TransformationFunction<ObjectSetOperation, ObjectRemovePropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_REMOVE_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectSetOperation s, ObjectRemovePropertyOperation c) {
        return new OperationPair(s, c.asNoOp());
    }
}
