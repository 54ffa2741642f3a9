package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectSetPropertyOperation} against a client {@code
 * ObjectRemovePropertyOperation} on the same target.
 *
 * <p>Tie-break: the server's set of a property the client removed becomes an add-property of the
 * server's value, and the client's remove becomes a no-op (the set survives).
 */
public final class ObjectSetPropertyObjectRemovePropertyTransform
        implements TransformationFunction<ObjectSetPropertyOperation, ObjectRemovePropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_SET_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_REMOVE_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectSetPropertyOperation s, ObjectRemovePropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        return new OperationPair(new ObjectAddPropertyOperation(s.id(), s.noOp(), s.key(), s.value()), c.asNoOp());
    }
}
