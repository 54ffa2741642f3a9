package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectRemovePropertyOperation} against a client {@code
 * ObjectRemovePropertyOperation} on the same target.
 *
 * <p>Removing the same key twice: both become no-ops.
 */
public final class ObjectRemovePropertyObjectRemovePropertyTransform
        implements TransformationFunction<ObjectRemovePropertyOperation, ObjectRemovePropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_REMOVE_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_REMOVE_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectRemovePropertyOperation s, ObjectRemovePropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        return new OperationPair(s.asNoOp(), c.asNoOp());
    }
}
